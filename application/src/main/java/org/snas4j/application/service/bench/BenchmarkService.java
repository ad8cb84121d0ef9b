package org.snas4j.application.service.bench;

import static org.snas4j.application.SettingChecks.positive;
import static org.snas4j.application.SettingChecks.zeroOrPositive;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.bench.BenchedNetwork;
import org.snas4j.application.port.in.bench.BenchmarkReport;
import org.snas4j.application.port.in.bench.BenchmarkRequest;
import org.snas4j.application.port.in.bench.BenchmarkUseCase;
import org.snas4j.application.port.in.bench.NetworkMeasurement;
import org.snas4j.application.port.in.bench.OpProfile;
import org.snas4j.application.port.in.bench.ScalingPlan;
import org.snas4j.application.port.in.bench.ScalingRow;
import org.snas4j.application.port.out.bench.BenchmarkNetworks;
import org.snas4j.application.port.out.bench.DenseMatmulProbe;
import org.snas4j.application.port.out.bench.HostMetrics;
import org.snas4j.application.port.out.bench.MatmulRate;
import org.snas4j.application.port.out.bench.OpTimeRecorder;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.ChildNetworkTrainer;
import org.snas4j.application.port.out.training.SgdSettings;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.snas4j.domain.cost.NetworkMultiplyAdds;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

/**
 * Benchmarks a training step: builds the network through {@link BenchmarkNetworks}, runs untimed
 * warm-up steps, times each following step (wall clock) and the process's CPU time over all of them,
 * then inference passes; prices the step's arithmetic with the domain's cost model; measures the
 * dense matmul rate on the same threads; and, with a scaling plan, repeats the timing with one
 * dimension changed at a time. Random images (standard normal) and labels; the supernet gets a
 * uniform Z (every op computed, as always); the learning rate is the paper's 0.025.
 */
public final class BenchmarkService implements BenchmarkUseCase {

    /** Wall time the dense matmul probe runs for. */
    static final double MATMUL_SECONDS = 2.0;
    private static final double LEARNING_RATE = 0.025;

    private final BenchmarkNetworks networks;
    private final DenseMatmulProbe matmul;
    private final HostMetrics host;
    private final LongSupplier nanoTime;

    public BenchmarkService(BenchmarkNetworks networks, DenseMatmulProbe matmul, HostMetrics host) {
        this(networks, matmul, host, System::nanoTime);
    }

    /** With an explicit monotonic clock in nanoseconds (tests). */
    public BenchmarkService(BenchmarkNetworks networks, DenseMatmulProbe matmul, HostMetrics host, LongSupplier nanoTime) {
        this.networks = Objects.requireNonNull(networks, "networks");
        this.matmul = Objects.requireNonNull(matmul, "matmul");
        this.host = Objects.requireNonNull(host, "host");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public BenchmarkReport run(BenchmarkRequest request) {
        validate(request);
        OptionalDouble loadBefore = host.loadAverage();
        OpTimeCollector opTimes = new OpTimeCollector();
        NetworkMeasurement main = measure(request, request.shape(), request.batch(), request.steps(), true, opTimes);
        Optional<MatmulRate> rate = request.matmulSize() == 0 ? Optional.empty()
                : Optional.of(matmul.measure(request.matmulSize(), request.device(), request.threads(), request.execution(), MATMUL_SECONDS));
        List<ScalingRow> rows = new ArrayList<>();
        request.scaling().ifPresent(plan -> rows.addAll(scale(request, plan)));
        Optional<OpProfile> profile = request.profileSteps() == 0 ? Optional.empty() : Optional.of(opTimes.profile(request.profileSteps()));
        return new BenchmarkReport(request, host.processorModel(), host.processors(), networks.kernels(), loadBefore, host.loadAverage(), main, rate, rows,
                profile);
    }

    private List<ScalingRow> scale(BenchmarkRequest request, ScalingPlan plan) {
        NetworkShape base = request.shape();
        List<ScalingRow> rows = new ArrayList<>();
        addRows(rows, "layers", plan.layers(), layers -> measureScaled(request, base.withLayers(layers), request.batch(), plan.steps()));
        addRows(rows, "channels", plan.channels(),
                channels -> measureScaled(request, base.withInitialChannels(channels), request.batch(), plan.steps()));
        addRows(rows, "batch", plan.batches(), batch -> measureScaled(request, base, batch, plan.steps()));
        return rows;
    }

    private static void addRows(List<ScalingRow> rows, String dimension, List<Integer> values, IntFunction<NetworkMeasurement> measure) {
        for (int value : values) {
            rows.add(new ScalingRow(dimension, value, measure.apply(value)));
        }
    }

    /** A scaling row's network: its training steps only, untraced. */
    private NetworkMeasurement measureScaled(BenchmarkRequest request, NetworkShape shape, int batchSize, int steps) {
        return measure(request, shape, batchSize, steps, false, new OpTimeCollector());
    }

    /**
     * Times the network; when it is the requested one ({@code main}), also its inference pass and then,
     * if asked, {@code request.profileSteps()} more training steps traced into {@code opTimes}.
     */
    private NetworkMeasurement measure(BenchmarkRequest request, NetworkShape shape, int batchSize, int steps, boolean main,
                                       OpTimeCollector opTimes) {
        Batch batch = randomBatch(shape, batchSize, request.seed());
        long buildStart = nanoTime.getAsLong();
        try (Subject subject = open(request, shape, batch, opTimes)) {
            double buildSeconds = secondsSince(buildStart);
            long step = 0;
            long firstStart = nanoTime.getAsLong();
            double firstLoss = subject.train(step++);
            double firstStepSeconds = secondsSince(firstStart);
            for (int i = 1; i < request.warmupSteps(); i++) {
                subject.train(step++);
            }
            List<Double> stepMillis = new ArrayList<>(steps);
            double lastLoss = Double.NaN;
            long cpuStart = host.processCpuNanos();
            for (int i = 0; i < steps; i++) {
                long start = nanoTime.getAsLong();
                lastLoss = subject.train(step++);
                stepMillis.add(secondsSince(start) * 1000);
            }
            double cpuSecondsPerStep = (host.processCpuNanos() - cpuStart) / 1e9 / steps;
            OptionalLong peak = host.peakResidentBytes();
            double evaluationMillis = main ? timeEvaluations(subject, steps) : 0;
            if (main && request.profileSteps() > 0) {
                opTimes.start();
                long tracedStart = nanoTime.getAsLong();
                for (int i = 0; i < request.profileSteps(); i++) {
                    subject.train(step++);
                }
                opTimes.stop(secondsSince(tracedStart) * 1000);
            }
            return new NetworkMeasurement(shape, batchSize, subject.parameters(), buildSeconds, firstStepSeconds, stepMillis,
                    cpuSecondsPerStep, evaluationMillis, peak, multiplyAdds(request, shape), firstLoss, lastLoss);
        }
    }

    /** Median inference pass after one untimed one. */
    private double timeEvaluations(Subject subject, int passes) {
        subject.evaluate();
        List<Double> millis = new ArrayList<>(passes);
        for (int i = 0; i < passes; i++) {
            long start = nanoTime.getAsLong();
            subject.evaluate();
            millis.add(secondsSince(start) * 1000);
        }
        return NetworkMeasurement.median(millis);
    }

    private static double multiplyAdds(BenchmarkRequest request, NetworkShape shape) {
        return request.network() == BenchedNetwork.SUPERNET ? NetworkMultiplyAdds.supernet(shape)
                : NetworkMultiplyAdds.child(request.genotype().orElseThrow(), shape);
    }

    private double secondsSince(long start) {
        return (nanoTime.getAsLong() - start) / 1e9;
    }

    /** What a measurement steps: a supernet under uniform Z, or a child network. */
    private interface Subject extends AutoCloseable {
        /** One training step; its loss. */
        double train(long globalStep);

        void evaluate();

        long parameters();

        @Override
        void close();
    }

    private Subject open(BenchmarkRequest request, NetworkShape shape, Batch batch, OpTimeRecorder opTimes) {
        if (request.network() == BenchedNetwork.SUPERNET) {
            SupernetTrainer trainer = networks.supernet(new SupernetConfig(shape, SgdSettings.PAPER, request.dropPath(), request.seed(),
                    request.device(), request.threads()), request.execution(), opTimes);
            CellPair<EdgeOpMatrix> uniform = CellPair.of(kind -> EdgeOpMatrix.filled(1.0 / EdgeOpMatrix.COLUMNS));
            return new Subject() {
                @Override
                public double train(long globalStep) {
                    return trainer.trainStep(batch, uniform, LEARNING_RATE, globalStep).loss();
                }

                @Override
                public void evaluate() {
                    trainer.evaluate(batch, uniform);
                }

                @Override
                public long parameters() {
                    return trainer.parameterCount();
                }

                @Override
                public void close() {
                    trainer.close();
                }
            };
        }
        ChildNetworkConfig config = ChildNetworkConfig.dartsDefaults(request.genotype().orElseThrow(), shape, new ChildOptions(false, false),
                request.seed()).on(request.device(), request.threads());
        ChildNetworkTrainer trainer = networks.child(config, request.execution(), opTimes);
        return new Subject() {
            @Override
            public double train(long globalStep) {
                return trainer.trainStep(batch, LEARNING_RATE, request.dropPath(), globalStep).loss();
            }

            @Override
            public void evaluate() {
                trainer.evaluate(batch);
            }

            @Override
            public long parameters() {
                return trainer.parameterCount();
            }

            @Override
            public void close() {
                trainer.close();
            }
        };
    }

    /** Standard normal images (what normalised inputs look like) and uniform labels, from {@code seed}. */
    static Batch randomBatch(NetworkShape shape, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] images = new float[size * shape.inputSize() * shape.inputSize() * shape.inputChannels()];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(shape.classes());
        }
        return new Batch(size, shape.inputSize(), shape.inputSize(), shape.inputChannels(), shape.classes(), images, labels);
    }

    private static void validate(BenchmarkRequest request) {
        positive("--batch", request.batch());
        positive("--steps", request.steps());
        positive("--warmup", request.warmupSteps());
        zeroOrPositive("--threads", "one per core", request.threads());
        zeroOrPositive("--matmul-size", "skip the matmul", request.matmulSize());
        zeroOrPositive("--profile", "no profile", request.profileSteps());
        if (!(request.dropPath() >= 0 && request.dropPath() < 1)) {
            throw new InvalidInputException("--drop-path", "must be in [0, 1), got " + request.dropPath());
        }
        if (request.network() == BenchedNetwork.CHILD && request.genotype().isEmpty()) {
            throw new InvalidInputException("--genotype", "required for --network child");
        }
        request.scaling().ifPresent(plan -> {
            positive("--scaling-steps", plan.steps());
            for (int layers : plan.layers()) {
                positive("--scaling-layers", layers);
                shapeOrRefuse("--scaling-layers", () -> request.shape().withLayers(layers));
            }
            for (int channels : plan.channels()) {
                positive("--scaling-channels", channels);
            }
            for (int batch : plan.batches()) {
                positive("--scaling-batches", batch);
            }
        });
    }

    private static void shapeOrRefuse(String flag, Supplier<NetworkShape> shape) {
        try {
            shape.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(flag, e.getMessage());
        }
    }
}
