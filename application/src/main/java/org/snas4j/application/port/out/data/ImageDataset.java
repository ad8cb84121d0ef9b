package org.snas4j.application.port.out.data;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Labelled images held as unsigned bytes in NHWC order (one byte per channel value, 0..255), the
 * way IDX and CIFAR-10 store them; normalisation happens when batches are assembled.
 */
public final class ImageDataset {

    private final String name;
    private final int height;
    private final int width;
    private final int channels;
    private final int classes;
    private final byte[] pixels;
    private final int[] labels;

    public ImageDataset(String name, int height, int width, int channels, int classes, byte[] pixels, int[] labels) {
        this.name = Objects.requireNonNull(name, "name");
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException(name + ": image shape must be positive, got " + height + "x" + width + "x" + channels);
        }
        if (classes < 2) {
            throw new IllegalArgumentException(name + ": at least 2 classes required, got " + classes);
        }
        long imageSize = (long) height * width * channels;
        if (pixels.length != imageSize * labels.length) {
            throw new IllegalArgumentException(name + ": " + pixels.length + " pixel bytes do not make " + labels.length
                    + " images of " + height + "x" + width + "x" + channels);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i + " outside 0.." + (classes - 1));
            }
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.classes = classes;
        this.pixels = pixels;
        this.labels = labels;
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
        return classes;
    }

    public int imageSize() {
        return height * width * channels;
    }

    public int label(int index) {
        return labels[index];
    }

    /** Unsigned value (0..255) of one pixel channel of image {@code index}. */
    public int pixel(int index, int y, int x, int c) {
        return pixels[index * imageSize() + (y * width + x) * channels + c] & 0xFF;
    }

    /** Copies image {@code index}'s bytes into {@code target} at {@code offset}. */
    public void copyImage(int index, byte[] target, int offset) {
        System.arraycopy(pixels, index * imageSize(), target, offset, imageSize());
    }

    /** A new dataset holding the given images in the given order. */
    public ImageDataset subset(String subsetName, int[] indices) {
        int imageSize = imageSize();
        byte[] p = new byte[indices.length * imageSize];
        int[] l = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(pixels, indices[i] * imageSize, p, i * imageSize, imageSize);
            l[i] = labels[indices[i]];
        }
        return new ImageDataset(subsetName, height, width, channels, classes, p, l);
    }

    /** SHA-256 over shape, pixels and labels: identifies the exact data a result came from. */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(ByteBuffer.allocate(20).putInt(height).putInt(width).putInt(channels).putInt(classes).putInt(size()).array());
            digest.update(pixels);
            ByteBuffer labelBytes = ByteBuffer.allocate(labels.length * 4);
            for (int label : labels) {
                labelBytes.putInt(label);
            }
            digest.update(labelBytes.array());
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + size() + " images " + height + "x" + width + "x" + channels + ", " + classes + " classes)";
    }
}
