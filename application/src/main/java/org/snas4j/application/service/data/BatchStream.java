package org.snas4j.application.service.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.data.Normalization;
import org.snas4j.application.port.out.data.PixelSource;
import org.snas4j.application.port.out.data.Prefetch;
import org.snas4j.domain.sampling.Permutations;
import org.snas4j.domain.sampling.Seeds;

/**
 * Cuts a dataset into normalised {@link Batch}es, deterministically from a seed.
 * <ul>
 *   <li>training: a fresh shuffle every epoch, augmentation, and the last partial batch dropped
 *       (every step sees a full batch, as batch-norm statistics expect);</li>
 *   <li>evaluation: dataset order, no augmentation, the last partial batch kept (every image counts).</li>
 * </ul>
 * The order of epoch e and the augmentation of batch b of epoch e each come from their own seed
 * derived from (seed, e[, b]), so {@code epoch(e, b)} resumes mid-epoch with exactly the batches an
 * uninterrupted run would have seen. Instances hold no mutable state and may be shared between threads.
 * A dataset streamed from disk has its coming batches assembled ahead on its decoding workers, so
 * the trainer does not wait for pictures to be decoded; the batches are the same.
 */
public final class BatchStream {

    /** Size of evaluation batches: no gradients are kept, so memory allows more than in training. */
    public static final int EVALUATION_BATCH = 256;

    private final ImageDataset data;
    private final int batchSize;
    private final Normalization normalization;
    private final Augmentation augmentation;
    private final long seed;
    private final boolean training;

    private BatchStream(ImageDataset data, int batchSize, Normalization normalization, Augmentation augmentation, long seed,
                        boolean training) {
        this.data = Objects.requireNonNull(data, "data");
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.augmentation = Objects.requireNonNull(augmentation, "augmentation");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (normalization.channels() != data.channels()) {
            throw new IllegalArgumentException("normalisation has " + normalization.channels() + " channels, " + data + " has " + data.channels());
        }
        if (training && batchSize > data.size()) {
            throw new InvalidInputException(data.name(), "batch size " + batchSize + " exceeds the " + data.size()
                    + " images, a training epoch would hold no full batch");
        }
        this.batchSize = batchSize;
        this.seed = seed;
        this.training = training;
    }

    /** Shuffled, augmented, full batches only. */
    public static BatchStream training(ImageDataset data, int batchSize, Normalization normalization, Augmentation augmentation, long seed) {
        return new BatchStream(data, batchSize, normalization, augmentation, seed, true);
    }

    /** In order, not augmented, the last batch possibly smaller. */
    public static BatchStream evaluation(ImageDataset data, int batchSize, Normalization normalization) {
        return new BatchStream(data, batchSize, normalization, Augmentation.none(), 0L, false);
    }

    public ImageDataset data() {
        return data;
    }

    public int batchSize() {
        return batchSize;
    }

    public int batchesPerEpoch() {
        return training ? data.size() / batchSize : (data.size() + batchSize - 1) / batchSize;
    }

    /** The images (of the dataset) an epoch visits, in visiting order. Evaluation: 0..size-1. */
    public int[] order(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        return training ? Permutations.uniform(data.size(), new SplittableRandom(Seeds.derive(seed, Seeds.SHUFFLE, epoch)))
                : java.util.stream.IntStream.range(0, data.size()).toArray();
    }

    /** All batches of one epoch. */
    public Iterator<Batch> epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /** The batches of one epoch from batch {@code firstBatch} on (to resume an interrupted epoch). */
    public Iterator<Batch> epoch(int epoch, int firstBatch) {
        int batches = batchesPerEpoch();
        if (firstBatch < 0 || firstBatch > batches) {
            throw new IllegalArgumentException("first batch " + firstBatch + " outside 0.." + batches);
        }
        int[] order = order(epoch);
        if (data.pixelSource().isPresent()) {
            // Streamed from disk: the workers decode and assemble the coming batches while the trainer runs.
            PixelSource source = data.pixelSource().get();
            return Prefetch.ahead(firstBatch, batches, index -> assemble(order, epoch, index), source.workers(),
                    source.parallelism() + 1);
        }
        return new Iterator<>() {
            private int next = firstBatch;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("epoch " + epoch + " has " + batches + " batches");
                }
                return assemble(order, epoch, next++);
            }
        };
    }

    /** The first {@code count} batches of {@code epoch} (all of them if it has fewer), identical to the ones {@link #epoch(int)} yields. */
    public Iterable<Batch> firstBatches(int epoch, int count) {
        int taken = Math.min(count, batchesPerEpoch());
        return () -> {
            int[] order = order(epoch);
            return IntStream.range(0, taken).mapToObj(index -> assemble(order, epoch, index)).iterator();
        };
    }

    /** Batch {@code index} of {@code epoch}, identical to the one {@link #epoch(int)} yields there. */
    public Batch batch(int epoch, int index) {
        if (index < 0 || index >= batchesPerEpoch()) {
            throw new IllegalArgumentException("batch " + index + " outside 0.." + (batchesPerEpoch() - 1));
        }
        return assemble(order(epoch), epoch, index);
    }

    private Batch assemble(int[] order, int epoch, int index) {
        int start = index * batchSize;
        int size = Math.min(batchSize, order.length - start);
        int height = data.height();
        int width = data.width();
        int channels = data.channels();
        int imageSize = data.imageSize();
        float[] images = new float[size * imageSize];
        int[] labels = new int[size];
        byte[] raw = new byte[imageSize];
        byte[] transformed = new byte[imageSize];
        boolean cropOrFlip = augmentation.cropPadding() > 0 || augmentation.horizontalFlip();
        SplittableRandom random = training && !augmentation.isIdentity()
                ? new SplittableRandom(Seeds.derive(seed, Seeds.AUGMENT, epoch, index))
                : null;
        for (int i = 0; i < size; i++) {
            int image = order[start + i];
            labels[i] = data.label(image);
            data.copyImage(image, raw, 0);
            byte[] pixels = raw;
            if (random != null && cropOrFlip) {
                int padding = augmentation.cropPadding();
                int offsetY = padding > 0 ? random.nextInt(2 * padding + 1) : 0;
                int offsetX = padding > 0 ? random.nextInt(2 * padding + 1) : 0;
                boolean flip = augmentation.horizontalFlip() && random.nextBoolean();
                ImageTransforms.padCropFlip(raw, 0, height, width, channels, padding, offsetY, offsetX, flip, transformed, 0);
                pixels = transformed;
            }
            normalization.apply(pixels, 0, images, i * imageSize, imageSize);
            if (random != null && augmentation.cutoutLength() > 0) {
                ImageTransforms.cutout(images, i * imageSize, height, width, channels, random.nextInt(height), random.nextInt(width),
                        augmentation.cutoutLength());
            }
        }
        return new Batch(size, height, width, channels, data.classes(), images, labels);
    }
}
