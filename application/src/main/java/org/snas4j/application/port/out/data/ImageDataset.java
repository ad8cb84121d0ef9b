package org.snas4j.application.port.out.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.domain.sampling.StratifiedHoldOut;

/**
 * Labelled images as unsigned bytes in NHWC order (one byte per channel value, 0..255), the way IDX
 * and CIFAR-10 store them; normalisation happens when batches are assembled. The bytes are held in
 * memory, or, for a dataset too large for that, decoded from disk on demand by a {@link PixelSource}
 * (both give the same images, batches and fingerprint).
 */
public final class ImageDataset {

    /** Images decoded at once by {@link #forEachImage} per worker when streaming. */
    private static final int SCAN_CHUNK_PER_WORKER = 16;

    private final String name;
    private final int height;
    private final int width;
    private final int channels;
    private final List<String> classNames;
    private final int[] labels;
    /** Decoded images, or null when they stream from {@link #source}. */
    private final byte[] pixels;
    private final PixelSource source;
    /** Index in {@link #source} of each image (a subset of a streamed dataset is a view). */
    private final int[] sourceIndices;

    /** Images held in memory, classes named by their index. */
    public ImageDataset(String name, int height, int width, int channels, int classes, byte[] pixels, int[] labels) {
        this(name, height, width, channels, indexNames(classes), pixels, labels);
    }

    /** Images held in memory. */
    public ImageDataset(String name, int height, int width, int channels, List<String> classNames, byte[] pixels, int[] labels) {
        this(name, height, width, channels, classNames, labels, Objects.requireNonNull(pixels, "pixels"), null, null);
    }

    private ImageDataset(String name, int height, int width, int channels, List<String> classNames, int[] labels, byte[] pixels,
                         PixelSource source, int[] sourceIndices) {
        this.name = Objects.requireNonNull(name, "name");
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException(name + ": image shape must be positive, got " + height + "x" + width + "x" + channels);
        }
        if (classNames.size() < 2) {
            throw new IllegalArgumentException(name + ": at least 2 classes required, got " + classNames.size());
        }
        long imageSize = (long) height * width * channels;
        if (pixels != null && pixels.length != imageSize * labels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes do not make " + labels.length
                    + " images of " + height + "x" + width + "x" + channels);
        }
        if (sourceIndices != null && sourceIndices.length != labels.length) {
            throw new IllegalArgumentException(name + ": " + sourceIndices.length + " source images for " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i + " outside 0.." + (classNames.size() - 1));
            }
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.classNames = List.copyOf(classNames);
        this.labels = labels;
        this.pixels = pixels;
        this.source = source;
        this.sourceIndices = sourceIndices;
    }

    /**
     * Images that {@code source} decodes on demand, image i being its image i.
     *
     * @param labels the class of each image, which fixes how many there are
     */
    public static ImageDataset streamed(String name, int height, int width, int channels, List<String> classNames, int[] labels,
                                        PixelSource source) {
        return new ImageDataset(name, height, width, channels, classNames, labels, null, Objects.requireNonNull(source, "source"),
                IntStream.range(0, labels.length).toArray());
    }

    /** "0", "1", ...: the names of classes known only by index. */
    public static List<String> indexNames(int classes) {
        return IntStream.range(0, Math.max(0, classes)).mapToObj(Integer::toString).toList();
    }

    public String name() {
        return name;
    }

    public int size() {
        return labels.length;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    public int classes() {
        return classNames.size();
    }

    /** The name of every class, by index: folder names, the published names, or the indices. */
    public List<String> classNames() {
        return classNames;
    }

    public int imageSize() {
        return height * width * channels;
    }

    public int label(int index) {
        return labels[index];
    }

    /** The decoder of a streamed dataset; empty when the images are in memory. */
    public Optional<PixelSource> pixelSource() {
        return Optional.ofNullable(source);
    }

    /** Unsigned value (0..255) of one pixel channel of image {@code index}. */
    public int pixel(int index, int y, int x, int c) {
        if (pixels == null) {
            byte[] image = new byte[imageSize()];
            copyImage(index, image, 0);
            return image[(y * width + x) * channels + c] & 0xFF;
        }
        return pixels[index * imageSize() + (y * width + x) * channels + c] & 0xFF;
    }

    /** Copies (or decodes) image {@code index}'s bytes into {@code target} at {@code offset}. */
    public void copyImage(int index, byte[] target, int offset) {
        if (pixels == null) {
            if (index < 0 || index >= labels.length) {
                throw new IndexOutOfBoundsException("image " + index + " of " + labels.length);
            }
            source.read(sourceIndices[index], target, offset);
        } else {
            System.arraycopy(pixels, index * imageSize(), target, offset, imageSize());
        }
    }

    /**
     * Which images a seeded, class-stratified hold-out of {@code fraction} of this set takes
     * ({@link StratifiedHoldOut#mask}); {@link StratifiedHoldOut#indices} turns the mask into subsets.
     *
     * @param setting names the setting in refusals, as the configuration names it
     * @throws InvalidSettingException if the fraction is not in (0, 1) or leaves either part empty
     */
    public boolean[] stratifiedHoldOut(double fraction, long seed, String setting) {
        try {
            return StratifiedHoldOut.mask(labels, classes(), fraction, seed);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, e.getMessage());
        }
    }

    /** A new dataset holding the given images in the given order (a view of a streamed one). */
    public ImageDataset subset(String subsetName, int[] indices) {
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            l[i] = labels[indices[i]];
        }
        if (pixels == null) {
            int[] mapped = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                mapped[i] = sourceIndices[indices[i]];
            }
            return new ImageDataset(subsetName, height, width, channels, classNames, l, null, source, mapped);
        }
        int imageSize = imageSize();
        byte[] p = new byte[indices.length * imageSize];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * imageSize, p, i * imageSize, imageSize);
        }
        return new ImageDataset(subsetName, height, width, channels, classNames, l, p, null, null);
    }

    /** Receives the images of {@link #forEachImage} in order. */
    @FunctionalInterface
    public interface ImageVisitor {
        /** {@code image} holds image {@code index}'s bytes; it is reused for the next image. */
        void visit(int index, byte[] image);
    }

    /**
     * Hands every image to {@code visitor} in dataset order. A streamed dataset decodes chunks of
     * images in parallel on its workers, so a pass over it (statistics, fingerprint) runs at the
     * pipeline's speed.
     */
    public void forEachImage(ImageVisitor visitor) {
        int imageSize = imageSize();
        if (pixels != null) {
            byte[] image = new byte[imageSize];
            for (int i = 0; i < labels.length; i++) {
                System.arraycopy(pixels, i * imageSize, image, 0, imageSize);
                visitor.visit(i, image);
            }
            return;
        }
        int chunk = Math.max(1, SCAN_CHUNK_PER_WORKER * source.parallelism());
        for (int start = 0; start < labels.length; start += chunk) {
            int count = Math.min(chunk, labels.length - start);
            byte[][] decoded = new byte[count][imageSize];
            List<CompletableFuture<Void>> pending = new ArrayList<>(count);
            for (int k = 0; k < count; k++) {
                int image = start + k;
                byte[] target = decoded[k];
                pending.add(CompletableFuture.runAsync(() -> copyImage(image, target, 0), source.workers()));
            }
            for (int k = 0; k < count; k++) {
                Prefetch.await(pending.get(k));
                visitor.visit(start + k, decoded[k]);
            }
        }
    }

    /** SHA-256 over shape, pixels and labels: identifies the exact data a result came from. */
    public String fingerprint() {
        MessageDigest digest = sha256();
        digest.update(ByteBuffer.allocate(20).putInt(height).putInt(width).putInt(channels).putInt(classes()).putInt(size()).array());
        forEachImage((index, image) -> digest.update(image));
        ByteBuffer labelBytes = ByteBuffer.allocate(labels.length * 4);
        for (int label : labels) {
            labelBytes.putInt(label);
        }
        digest.update(labelBytes.array());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images " + height + "x" + width + "x" + channels + ", " + classes() + " classes"
                + (pixels == null ? ", streamed from disk" : "") + ")";
    }
}
