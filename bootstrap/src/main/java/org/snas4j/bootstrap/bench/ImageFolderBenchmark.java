package org.snas4j.bootstrap.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.snas4j.adapter.io.FileTrees;
import org.snas4j.adapter.storage.dataset.folder.ImageFolderLoader;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.data.ImageFit;
import org.snas4j.application.port.out.data.ImageFolderOptions;
import org.snas4j.application.port.out.data.Normalization;
import org.snas4j.application.service.data.Augmentation;
import org.snas4j.application.service.data.BatchStream;

/**
 * Times the image-folder pipeline with the folder streamed from disk (the case where decoding could
 * hold the trainer up): reading the folder (listing, header checks, one decoding pass), decoding on
 * one thread, the batch pipeline on the decoding workers with nothing else to do, and the time a
 * trainer that computes for {@code step} milliseconds per batch (a busy loop on its own thread, as a
 * single-threaded TensorFlow step would) waits for its next batch. CPU milliseconds per picture are
 * given beside the wall-clock rates: on a shared machine they are the figures to plan with. It lives
 * in the composition root because it joins the storage adapter's loader to the application's batch
 * stream.
 *
 * <p>Arguments are {@code key=value}: data (a folder; default: a generated one, deleted afterwards),
 * pictures (2000), classes (4), source (64: generated JPEGs of source x source), input (32),
 * channels (3), batch (64), step (200 ms), batches (20 timed trainer batches).
 */
public final class ImageFolderBenchmark {

    /** What one benchmark run measured. */
    public record Measurement(int pictures, int input, int channels, int batch, int workers, double loadSeconds,
                              double statisticsSeconds, double decodeOneThreadPerSecond, double decodeCpuMillis, double pipelinePerSecond,
                              double pipelineCpuMillis, double stepMillis, double waitMillisPerBatch) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d pictures -> %dx%dx%d, batch %d, %d decoding workers | read the folder (list, check headers, "
                            + "decode once) %.1f s; statistics pass %.1f s; decode on 1 thread %.0f pictures/s, %.2f CPU ms per picture; "
                            + "batch pipeline alone %.0f pictures/s, %.2f CPU ms per picture (decode, fit, augment, normalise); trainer "
                            + "computing %.0f ms per batch waited %.1f ms per batch (%.1f%%)",
                    pictures, input, input, channels, batch, workers, loadSeconds, statisticsSeconds, decodeOneThreadPerSecond, decodeCpuMillis,
                    pipelinePerSecond, pipelineCpuMillis, stepMillis, waitMillisPerBatch,
                    100 * waitMillisPerBatch / (stepMillis + waitMillisPerBatch));
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ImageFolderBenchmark() {
    }

    /** CPU time of the whole process (every thread), from /proc/self/stat: utime + stime in clock ticks of 10 ms. */
    private static long processCpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    public static void main(String[] args) {
        System.out.println(run(parse(args)));
    }

    public static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return options;
    }

    public static Measurement run(Map<String, String> options) {
        int pictures = integer(options, "pictures", 2000);
        int input = integer(options, "input", 32);
        int channels = integer(options, "channels", 3);
        int batch = integer(options, "batch", 64);
        double step = Double.parseDouble(options.getOrDefault("step", "200"));
        int timedBatches = integer(options, "batches", 20);
        Path generated = null;
        try {
            Path folder;
            if (options.containsKey("data")) {
                folder = Path.of(options.get("data"));
            } else {
                generated = Files.createTempDirectory("snas4j-folder-bench");
                folder = generate(generated, pictures, integer(options, "classes", 4), integer(options, "source", 64));
            }
            // A memory limit of 1 MB: the folder streams from disk, as one too large for memory would.
            ImageFolderOptions streamed = new ImageFolderOptions(input, channels, ImageFit.CROP, 0.2, false,
                    ImageFolderOptions.DEFAULT_MAX_IMAGE_PIXELS, 1);
            long started = System.nanoTime();
            DatasetSplits splits = new ImageFolderLoader().load(folder, streamed);
            double load = seconds(started);
            ImageDataset train = splits.train();
            if (train.pixelSource().isEmpty()) {
                throw new IllegalStateException("the folder was not streamed; make it larger than 1 MB decoded");
            }
            started = System.nanoTime();
            Normalization normalization = Normalization.of(train);
            double statistics = seconds(started);

            int sample = Math.min(train.size(), 500);
            byte[] image = new byte[train.imageSize()];
            long cpu = THREADS.getCurrentThreadCpuTime();
            started = System.nanoTime();
            for (int i = 0; i < sample; i++) {
                train.copyImage(i, image, 0);
            }
            double oneThread = sample / seconds(started);
            double decodeCpu = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / sample;

            BatchStream stream = BatchStream.training(train, batch, normalization, Augmentation.cropAndFlip(), 1);
            long processCpu = processCpuNanos();
            started = System.nanoTime();
            int images = 0;
            for (Iterator<Batch> it = stream.epoch(0); it.hasNext(); ) {
                images += it.next().size();
            }
            double pipeline = images / seconds(started);
            double pipelineCpu = (processCpuNanos() - processCpu) / 1e6 / images;

            long waited = 0;
            int consumed = 0;
            Iterator<Batch> epoch = stream.epoch(1);
            // The first batch is waited for in any pipeline; time the steady state after it.
            spin(step, epoch.next());
            while (epoch.hasNext() && consumed < timedBatches) {
                long before = System.nanoTime();
                Batch next = epoch.next();
                waited += System.nanoTime() - before;
                spin(step, next);
                consumed++;
            }
            return new Measurement(train.size(), input, channels, batch, train.pixelSource().get().parallelism(), load, statistics,
                    oneThread, decodeCpu, pipeline, pipelineCpu, step, consumed == 0 ? 0 : waited / 1e6 / consumed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (generated != null) {
                try {
                    FileTrees.deleteRecursively(generated);
                } catch (IOException ignored) {
                    // A temporary folder left behind costs disk space only.
                }
            }
        }
    }

    /** Busy for {@code millis} on this thread, touching the batch, as a CPU-bound training step is. */
    private static void spin(double millis, Batch batch) {
        long until = System.nanoTime() + (long) (millis * 1e6);
        double sink = 0;
        while (System.nanoTime() < until) {
            for (int i = 0; i < batch.images().length; i += 64) {
                sink += batch.images()[i];
            }
        }
        blackhole = sink;
    }

    /** Keeps the busy loop's reads from being optimised away. */
    private static volatile double blackhole;

    /** {@code pictures} noisy JPEGs of {@code source x source} in {@code classes} class folders. */
    private static Path generate(Path root, int pictures, int classes, int source) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < pictures; i++) {
            BufferedImage picture = new BufferedImage(source, source, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < source; y++) {
                for (int x = 0; x < source; x++) {
                    picture.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            Path folder = Files.createDirectories(root.resolve("class-" + i % classes));
            ImageIO.write(picture, "jpg", folder.resolve(i + ".jpg").toFile());
        }
        return root;
    }

    private static int integer(Map<String, String> options, String key, int fallback) {
        return Integer.parseInt(options.getOrDefault(key, Integer.toString(fallback)));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
