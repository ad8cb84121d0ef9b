package org.snas4j.application.port.out.data;

/** Small hand-made datasets whose pixels identify each image. */
public final class TestImages {

    private TestImages() {
    }

    /**
     * {@code size} images of height x width x channels; image i has label {@code i % classes} and its
     * first two bytes hold i (big-endian), the rest a pattern of i, y, x and c.
     */
    public static ImageDataset identifiable(int size, int height, int width, int channels, int classes) {
        int imageSize = height * width * channels;
        byte[] pixels = new byte[size * imageSize];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = i % classes;
            for (int p = 0; p < imageSize; p++) {
                pixels[i * imageSize + p] = (byte) (1 + (i * 7 + p * 13) % 250);
            }
            pixels[i * imageSize] = (byte) (i >>> 8);
            pixels[i * imageSize + 1] = (byte) i;
        }
        return new ImageDataset("identifiable", height, width, channels, classes, pixels, labels);
    }

    /** The index that {@link #identifiable} wrote into the first two bytes of an image. */
    public static int identity(ImageDataset data, int image) {
        return data.pixel(image, 0, 0, 0) << 8 | (data.channels() > 1 ? data.pixel(image, 0, 0, 1) : data.pixel(image, 0, 1, 0));
    }
}
