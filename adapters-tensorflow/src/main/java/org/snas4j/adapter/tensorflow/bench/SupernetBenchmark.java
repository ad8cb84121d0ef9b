package org.snas4j.adapter.tensorflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.snas4j.adapter.tensorflow.supernet.TensorFlowSupernetTrainer;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.training.SgdSettings;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

/**
 * Times {@link TensorFlowSupernetTrainer#trainStep} on random data: graph build, first step (which
 * includes TensorFlow's graph optimisation), median and mean of the following steps, images per
 * second, the process's CPU seconds per step (less sensitive than wall time to other processes on a
 * shared machine), and its resident memory (VmRSS now, VmHWM peak) from /proc/self/status.
 *
 * <p>Arguments are {@code key=value}: layers (8), channels (16), size (32), inputChannels (3),
 * classes (10), batch (64), steps (10), threads (0 = TensorFlow's choice; positive: that many ops at once,
 * each single-threaded), intra and inter (explicit pool sizes, overriding threads), optimise (Grappler;
 * default as {@link SessionSettings#of}: off), device (cpu|gpu), seed (1).
 */
public final class SupernetBenchmark {

    /** What one benchmark run measured. */
    public record Measurement(NetworkShape shape, int batch, SessionSettings settings, long parameters, double buildMillis,
                              double firstStepMillis, double medianStepMillis, double meanStepMillis,
                              double imagesPerSecond, double cpuSecondsPerStep, long rssKilobytes,
                              long peakRssKilobytes) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "layers=%d C=%d input=%dx%dx%d classes=%d batch=%d intra=%d inter=%d optimise=%s params=%d | build %.1f s, first step %.1f s, "
                            + "median %.0f ms/step (mean %.0f), %.1f images/s, CPU %.2f s/step, RSS %.2f GB, peak RSS %.2f GB",
                    shape.layers(), shape.initialChannels(), shape.inputSize(), shape.inputSize(), shape.inputChannels(),
                    shape.classes(), batch, settings.intraOpThreads(), settings.interOpThreads(), settings.optimiseGraph(), parameters, buildMillis / 1000, firstStepMillis / 1000, medianStepMillis,
                    meanStepMillis, imagesPerSecond, cpuSecondsPerStep, rssKilobytes / 1048576.0, peakRssKilobytes / 1048576.0);
        }
    }

    private SupernetBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println(run(parse(args)));
    }

    /** Runs one benchmark from parsed {@code key=value} options. */
    public static Measurement run(Map<String, String> options) {
        NetworkShape shape = new NetworkShape(intOption(options, "layers", 8), intOption(options, "channels", 16),
                intOption(options, "size", 32), intOption(options, "inputChannels", 3), intOption(options, "classes", 10));
        int batchSize = intOption(options, "batch", 64);
        int steps = intOption(options, "steps", 10);
        int threads = intOption(options, "threads", 0);
        Device device = Device.valueOf(options.getOrDefault("device", "cpu").toUpperCase(Locale.ROOT));
        long seed = intOption(options, "seed", 1);
        SupernetConfig config = new SupernetConfig(shape, SgdSettings.PAPER, 0.0, seed, device, threads);
        SessionSettings settings = SessionSettings.of(device, threads);
        if (options.containsKey("intra") || options.containsKey("inter")) {
            settings = settings.withThreads(intOption(options, "intra", settings.intraOpThreads()),
                    intOption(options, "inter", settings.interOpThreads()));
        }
        if (options.containsKey("optimise")) {
            settings = settings.withGraphOptimisation(Boolean.parseBoolean(options.get("optimise")));
        }
        Batch batch = randomBatch(shape, batchSize, seed);
        CellPair<EdgeOpMatrix> z = CellPair.of(kind -> EdgeOpMatrix.filled(1.0 / EdgeOpMatrix.COLUMNS));

        long start = System.nanoTime();
        try (TensorFlowSupernetTrainer trainer = new TensorFlowSupernetTrainer(config, settings)) {
            double build = millisSince(start);
            long first = System.nanoTime();
            trainer.trainStep(batch, z, 0.025, 0);
            double firstStep = millisSince(first);
            double[] times = new double[steps];
            long cpuStart = processCpuNanos();
            for (int i = 0; i < steps; i++) {
                long t = System.nanoTime();
                trainer.trainStep(batch, z, 0.025, 0);
                times[i] = millisSince(t);
            }
            double cpuPerStep = (processCpuNanos() - cpuStart) / 1e9 / Math.max(1, steps);
            double[] sorted = times.clone();
            Arrays.sort(sorted);
            double median = steps == 0 ? Double.NaN
                    : steps % 2 == 1 ? sorted[steps / 2] : (sorted[steps / 2 - 1] + sorted[steps / 2]) / 2;
            double mean = Arrays.stream(times).average().orElse(Double.NaN);
            Map<String, Long> memory = processMemory();
            return new Measurement(shape, batchSize, settings, trainer.parameterCount(), build, firstStep, median, mean,
                    batchSize * 1000.0 / median, cpuPerStep, memory.getOrDefault("VmRSS", -1L), memory.getOrDefault("VmHWM", -1L));
        }
    }

    /** CPU time of the whole process (all threads), in nanoseconds; -1 where the JVM cannot tell. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /** VmRSS and VmHWM of this process in kilobytes (Linux); empty elsewhere. */
    public static Map<String, Long> processMemory() {
        Map<String, Long> values = new LinkedHashMap<>();
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return values;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    String[] parts = line.split("\\s+");
                    values.put(parts[0].substring(0, parts[0].length() - 1), Long.parseLong(parts[1]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got '" + arg + "'");
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return options;
    }

    private static int intOption(Map<String, String> options, String key, int fallback) {
        String value = options.get(key);
        return value == null ? fallback : Integer.parseInt(value);
    }

    private static Batch randomBatch(NetworkShape shape, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int pixels = shape.inputSize() * shape.inputSize() * shape.inputChannels();
        float[] images = new float[size * pixels];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(shape.classes());
        }
        return new Batch(size, shape.inputSize(), shape.inputSize(), shape.inputChannels(), shape.classes(), images, labels);
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e6;
    }
}
