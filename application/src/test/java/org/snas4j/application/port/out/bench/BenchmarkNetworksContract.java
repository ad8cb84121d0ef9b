package org.snas4j.application.port.out.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.ChildNetworkTrainer;
import org.snas4j.application.port.out.training.ChildStepResult;
import org.snas4j.application.port.out.training.SgdSettings;
import org.snas4j.application.port.out.training.StepResult;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.NetworkParameterCount;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

/** What every {@link BenchmarkNetworks} adapter must do: build the networks search and train build, ready to step. */
public abstract class BenchmarkNetworksContract {

    private static final NetworkShape TINY = new NetworkShape(3, 2, 8, 1, 4);

    protected abstract BenchmarkNetworks networks();

    @Test
    void itSaysWhichKernelsItRuns() {
        assertFalse(networks().kernels().isBlank());
    }

    @Test
    void theSupernetHasTheSearchNetworksWeightsAndTrains() {
        try (SupernetTrainer supernet = networks().supernet(new SupernetConfig(TINY, SgdSettings.PAPER, 0, 1, Device.CPU, 1),
                ExecutionOptions.STANDARD, OpTimeRecorder.NONE)) {
            assertEquals(NetworkParameterCount.ofSupernet(TINY), supernet.parameterCount());
            StepResult step = supernet.trainStep(batch(), CellPair.of(kind -> EdgeOpMatrix.filled(0.125)), 0.025, 0);
            assertTrue(Double.isFinite(step.loss()) && step.loss() > 0, "loss " + step.loss());
        }
    }

    @Test
    void theChildHasItsGenotypesWeightsAndTrains() {
        Genotype genotype = PublishedGenotypes.byName("darts-v2");
        ChildOptions plain = new ChildOptions(false, false);
        try (ChildNetworkTrainer child = networks().child(ChildNetworkConfig.dartsDefaults(genotype, TINY, plain, 1).on(Device.CPU, 1),
                ExecutionOptions.STANDARD, OpTimeRecorder.NONE)) {
            assertEquals(NetworkParameterCount.ofChild(genotype, TINY, plain), child.parameterCount());
            ChildStepResult step = child.trainStep(batch(), 0.025, 0, 0);
            assertTrue(step.isFinite() && step.loss() > 0, step.toString());
        }
    }

    @Test
    void trainingStepsReportTheirOpsWhileTheRecorderRecordsAndOnlyThen() {
        CountingRecorder recorder = new CountingRecorder();
        CellPair<EdgeOpMatrix> z = CellPair.of(kind -> EdgeOpMatrix.filled(0.125));
        try (SupernetTrainer supernet = networks().supernet(new SupernetConfig(TINY, SgdSettings.PAPER, 0, 1, Device.CPU, 1),
                ExecutionOptions.STANDARD, recorder)) {
            supernet.trainStep(batch(), z, 0.025, 0);
            assertEquals(Map.of(), recorder.counts, "nothing reported before recording");
            recorder.recording = true;
            supernet.trainStep(batch(), z, 0.025, 1);
            recorder.recording = false;
            Map<String, Integer> oneStep = Map.copyOf(recorder.counts);
            assertFalse(oneStep.isEmpty(), "a traced step reports its ops");
            assertTrue(recorder.micros > 0, "and their time");
            supernet.trainStep(batch(), z, 0.025, 2);
            supernet.evaluate(batch(), z);
            assertEquals(oneStep, recorder.counts, "nothing reported after recording");
        }
        ChildOptions plain = new ChildOptions(false, false);
        CountingRecorder childRecorder = new CountingRecorder();
        childRecorder.recording = true;
        try (ChildNetworkTrainer child = networks().child(ChildNetworkConfig.dartsDefaults(PublishedGenotypes.byName("darts-v2"), TINY, plain, 1)
                .on(Device.CPU, 1), ExecutionOptions.STANDARD, childRecorder)) {
            child.trainStep(batch(), 0.025, 0, 0);
            assertFalse(childRecorder.counts.isEmpty(), "a traced child step reports its ops");
        }
    }

    /** Counts the reported ops per type and sums their time, while {@link #recording}; for adapters' own tests too. */
    protected static final class CountingRecorder implements OpTimeRecorder {
        public final Map<String, Integer> counts = new HashMap<>();
        public long micros;
        public boolean recording;

        public CountingRecorder() {
        }

        @Override
        public boolean recording() {
            return recording;
        }

        @Override
        public void opRan(String type, long microseconds) {
            assertTrue(recording, "an op reported while not recording: " + type);
            assertTrue(microseconds >= 0, type + " took " + microseconds + " us");
            counts.merge(type, 1, Integer::sum);
            micros += microseconds;
        }
    }

    private static Batch batch() {
        SplittableRandom random = new SplittableRandom(3);
        float[] images = new float[8 * 8 * 8];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        return new Batch(8, 8, 8, 1, 4, images, new int[] {0, 1, 2, 3, 0, 1, 2, 3});
    }
}
