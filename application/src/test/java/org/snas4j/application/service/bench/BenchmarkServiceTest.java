package org.snas4j.application.service.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.bench.BenchedNetwork;
import org.snas4j.application.port.in.bench.BenchmarkReport;
import org.snas4j.application.port.in.bench.BenchmarkRequest;
import org.snas4j.application.port.in.bench.OpProfile;
import org.snas4j.application.port.in.bench.OpTypeTime;
import org.snas4j.application.port.in.bench.ScalingPlan;
import org.snas4j.application.port.out.bench.BenchmarkNetworks;
import org.snas4j.application.port.out.bench.DenseMatmulProbe;
import org.snas4j.application.port.out.bench.ExecutionOptions;
import org.snas4j.application.port.out.bench.HostMetrics;
import org.snas4j.application.port.out.bench.MatmulRate;
import org.snas4j.application.port.out.bench.OpTimeRecorder;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.ChildNetworkTrainer;
import org.snas4j.application.port.out.training.ChildStepResult;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.application.port.out.training.StepResult;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.snas4j.domain.cost.NetworkMultiplyAdds;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.NetworkShape;

class BenchmarkServiceTest {

    private static final NetworkShape SHAPE = new NetworkShape(3, 4, 8, 1, 10);

    /** Fake nanosecond clock: only the fake trainers and the fake CPU counter move it. */
    private final AtomicLong clock = new AtomicLong();
    private final AtomicLong cpu = new AtomicLong();
    private final List<Long> stepDurations = new ArrayList<>();
    private final BenchmarkNetworks networks = mock(BenchmarkNetworks.class);
    private final DenseMatmulProbe matmul = mock(DenseMatmulProbe.class);
    private final HostMetrics host = mock(HostMetrics.class);
    private final SupernetTrainer supernet = mock(SupernetTrainer.class);
    private final ChildNetworkTrainer child = mock(ChildNetworkTrainer.class);
    private BenchmarkService service;
    /** The recorder the service handed to the last supernet built. */
    private OpTimeRecorder recorder;

    @BeforeEach
    void fakes() {
        when(networks.supernet(any(), any(), any())).thenAnswer(call -> {
            recorder = call.getArgument(2);
            return supernet;
        });
        when(networks.child(any(), any(), any())).thenReturn(child);
        when(networks.kernels()).thenReturn("the test's kernels");
        when(supernet.trainStep(any(), any(), anyDouble(), anyLong())).thenAnswer(call -> {
            long step = call.getArgument(3);
            advance(step);
            if (recorder.recording()) {
                // A traced step as a backend reports it: two convolutions and a pool, their times growing with the step.
                recorder.opRan("Conv", 1000 * step);
                recorder.opRan("Conv", 500);
                recorder.opRan("Pool", 250);
            }
            return new StepResult(10.0 - step, 0, null);
        });
        when(child.trainStep(any(), anyDouble(), anyDouble(), anyLong())).thenAnswer(call -> {
            advance(call.getArgument(3));
            return new ChildStepResult(1, 1, 0);
        });
        when(supernet.evaluate(any(), any())).thenAnswer(call -> {
            clock.addAndGet(5_000_000);
            return EvaluationResult.EMPTY;
        });
        when(supernet.parameterCount()).thenReturn(1234L);
        when(child.parameterCount()).thenReturn(99L);
        when(host.processCpuNanos()).thenAnswer(call -> cpu.get());
        when(host.peakResidentBytes()).thenReturn(OptionalLong.of(3L << 30));
        when(host.loadAverage()).thenReturn(OptionalDouble.of(1.5));
        when(host.processorModel()).thenReturn("Test CPU");
        when(host.processors()).thenReturn(2);
        when(matmul.measure(anyInt(), any(), anyInt(), any(), anyDouble())).thenReturn(new MatmulRate(100, 2, 50, 1.0));
        service = new BenchmarkService(networks, matmul, host, clock::get);
    }

    /** Step {@code globalStep} takes stepDurations[globalStep] ms of wall time and twice that of CPU time. */
    private void advance(long globalStep) {
        long millis = globalStep < stepDurations.size() ? stepDurations.get((int) globalStep) : 1;
        clock.addAndGet(millis * 1_000_000);
        cpu.addAndGet(2 * millis * 1_000_000);
    }

    private static BenchmarkRequest supernetRequest(int warmup, int steps, int matmulSize, Optional<ScalingPlan> scaling) {
        return new BenchmarkRequest(BenchedNetwork.SUPERNET, Optional.empty(), "", SHAPE, 16, warmup, steps, 0, Device.CPU, 1, 7,
                ExecutionOptions.STANDARD, matmulSize, scaling, 0);
    }

    @Test
    void timesTheStepsAfterTheWarmUpAndPricesTheirArithmetic() {
        // warm-up: 900 ms then 50 ms (untimed); timed: 30, 10, 20 ms
        stepDurations.addAll(List.of(900L, 50L, 30L, 10L, 20L));

        BenchmarkReport report = service.run(supernetRequest(2, 3, 256, Optional.empty()));

        var m = report.measurement();
        assertEquals(List.of(30.0, 10.0, 20.0), m.stepMillis());
        assertEquals(20.0, m.medianMillis(), 1e-9);
        assertEquals(0.9, m.firstStepSeconds(), 1e-9);
        assertEquals(16 * 1000.0 / 20, m.imagesPerSecond(), 1e-9);
        assertEquals(2 * 0.060 / 3, m.cpuSecondsPerStep(), 1e-9, "twice the wall time of the timed steps, per step");
        assertEquals(5.0, m.evaluationMillis(), 1e-9);
        assertEquals(1234, m.parameters());
        assertEquals(10.0, m.firstLoss(), 1e-12, "the first warm-up step's");
        assertEquals(6.0, m.lastLoss(), 1e-12, "the last timed step's (step 4)");
        assertEquals(OptionalLong.of(3L << 30), m.peakResidentBytes());
        double multiplyAdds = NetworkMultiplyAdds.supernet(SHAPE);
        assertEquals(multiplyAdds, m.multiplyAddsPerImage(), 1e-9);
        assertEquals(2 * 3 * multiplyAdds * 16, m.flopsPerStep(), 1e-6);
        assertEquals(m.flopsPerStep() / 0.020, m.flopsPerSecond(), 1e-3);
        assertEquals(m.flopsPerSecond() / report.matmul().orElseThrow().flopsPerSecond(), report.shareOfMatmulRate().orElseThrow(), 1e-12);
        assertEquals("Test CPU", report.processor());
        assertEquals("the test's kernels", report.kernels(), "the report says which kernels the figures are of");
        verify(supernet, times(5)).trainStep(any(), any(), eq(0.025), anyLong());
        verify(supernet).close();
        verify(matmul).measure(256, Device.CPU, 1, ExecutionOptions.STANDARD, BenchmarkService.MATMUL_SECONDS);
    }

    @Test
    void aProfileTracesExtraStepsAfterTheTimedOnesAndAveragesPerStep() {
        BenchmarkRequest request = new BenchmarkRequest(BenchedNetwork.SUPERNET, Optional.empty(), "", SHAPE, 16, 1, 2, 0, Device.CPU, 1, 7,
                ExecutionOptions.STANDARD, 0, Optional.empty(), 2);

        BenchmarkReport report = service.run(request);

        // Steps 0 (warm-up), 1 and 2 (timed) run untraced; steps 3 and 4 are traced.
        verify(supernet, times(5)).trainStep(any(), any(), anyDouble(), anyLong());
        assertEquals(List.of(1.0, 1.0), report.measurement().stepMillis(), "the traced steps are not among the timed ones");
        OpProfile profile = report.profile().orElseThrow();
        assertEquals(2, profile.steps());
        assertEquals(List.of(new OpTypeTime("Conv", 2, (3000 + 500 + 4000 + 500) / 1000.0 / 2), new OpTypeTime("Pool", 1, 0.25)),
                profile.types(), "by descending time, per step");
        assertEquals(4.25, profile.millisPerStep(), 1e-12);
        assertEquals(3, profile.opsPerStep(), 1e-12);
        assertEquals(1.0, profile.tracedStepMillis(), 1e-12, "each traced step took 1 ms of the fake clock");
        assertFalse(recorder.recording(), "recording ends with the traced steps");
    }

    @Test
    void withoutAProfileNoStepIsTraced() {
        BenchmarkReport report = service.run(supernetRequest(1, 2, 0, Optional.empty()));

        assertEquals(Optional.empty(), report.profile());
        verify(supernet, times(3)).trainStep(any(), any(), anyDouble(), anyLong());
    }

    @Test
    void theSupernetIsBuiltAsSearchBuildsIt() {
        service.run(supernetRequest(1, 1, 0, Optional.empty()));

        ArgumentCaptor<SupernetConfig> config = ArgumentCaptor.forClass(SupernetConfig.class);
        verify(networks).supernet(config.capture(), eq(ExecutionOptions.STANDARD), any());
        assertEquals(SHAPE, config.getValue().shape());
        assertEquals(7, config.getValue().seed());
        assertEquals(1, config.getValue().threads());
        verify(matmul, never()).measure(anyInt(), any(), anyInt(), any(), anyDouble());
    }

    @Test
    void aChildNetworkIsPricedByItsGenotype() {
        Genotype darts = PublishedGenotypes.byName("darts-v2");
        BenchmarkRequest request = new BenchmarkRequest(BenchedNetwork.CHILD, Optional.of(darts), "darts-v2", SHAPE, 8, 1, 2, 0.2,
                Device.CPU, 0, 3, ExecutionOptions.STANDARD, 0, Optional.empty(), 0);

        BenchmarkReport report = service.run(request);

        assertEquals(NetworkMultiplyAdds.child(darts, SHAPE), report.measurement().multiplyAddsPerImage(), 1e-9);
        assertEquals(99, report.measurement().parameters());
        ArgumentCaptor<ChildNetworkConfig> config = ArgumentCaptor.forClass(ChildNetworkConfig.class);
        verify(networks).child(config.capture(), eq(ExecutionOptions.STANDARD), any());
        assertEquals(darts, config.getValue().genotype());
        verify(child, times(3)).trainStep(any(), eq(0.025), eq(0.2), anyLong());
        verify(child).close();
    }

    @Test
    void scalingVariesOneDimensionAtATime() {
        ScalingPlan plan = new ScalingPlan(List.of(4, 5), List.of(8), List.of(32, 64), 2);

        BenchmarkReport report = service.run(supernetRequest(1, 1, 0, Optional.of(plan)));

        assertEquals(List.of("layers", "layers", "channels", "batch", "batch"), report.scaling().stream().map(r -> r.dimension()).toList());
        assertEquals(SHAPE.withLayers(5), report.scaling().get(1).measurement().shape());
        assertEquals(SHAPE.withInitialChannels(8), report.scaling().get(2).measurement().shape());
        assertEquals(64, report.scaling().get(4).measurement().batch());
        assertEquals(SHAPE, report.scaling().get(4).measurement().shape());
        assertTrue(report.scaling().stream().allMatch(r -> r.measurement().stepMillis().size() == 2));
        verify(supernet, times(6)).close();
    }

    @Test
    void refusesSettingsNamingTheFlag() {
        assertFlag("--steps", () -> service.run(supernetRequest(1, 0, 0, Optional.empty())));
        assertFlag("--warmup", () -> service.run(supernetRequest(0, 1, 0, Optional.empty())));
        assertFlag("--matmul-size", () -> service.run(supernetRequest(1, 1, -1, Optional.empty())));
        // 1 cell reduces once (6x6 halves), 2 cells reduce twice (6x6 does not)
        assertFlag("--scaling-layers", () -> service.run(new BenchmarkRequest(BenchedNetwork.SUPERNET, Optional.empty(), "",
                new NetworkShape(1, 4, 6, 1, 10), 8, 1, 1, 0, Device.CPU, 1, 1, ExecutionOptions.STANDARD, 0,
                Optional.of(new ScalingPlan(List.of(2), List.of(), List.of(), 1)), 0)), "divisible");
        assertFlag("--scaling-batches", () -> service.run(supernetRequest(1, 1, 0,
                Optional.of(new ScalingPlan(List.of(), List.of(), List.of(0), 1)))));
        assertFlag("--genotype", () -> service.run(new BenchmarkRequest(BenchedNetwork.CHILD, Optional.empty(), "", SHAPE, 8, 1, 1, 0,
                Device.CPU, 0, 1, ExecutionOptions.STANDARD, 0, Optional.empty(), 0)));
        assertFlag("--profile", () -> service.run(new BenchmarkRequest(BenchedNetwork.SUPERNET, Optional.empty(), "", SHAPE, 8, 1, 1, 0,
                Device.CPU, 0, 1, ExecutionOptions.STANDARD, 0, Optional.empty(), -1)));
        verify(networks, never()).supernet(any(), any(), any());
    }

    private static void assertFlag(String flag, org.junit.jupiter.api.function.Executable run, String... words) {
        InvalidInputException e = assertThrows(InvalidInputException.class, run);
        assertEquals(flag, e.source());
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), e.getMessage());
        }
    }
}
