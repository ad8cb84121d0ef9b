package org.snas4j.application.port.out.data;

/**
 * A mini-batch ready for a network: normalised float images in NHWC order and integer labels.
 *
 * @param images row-major [size, height, width, channels]
 * @param labels class index per image, 0..classes-1
 */
public record Batch(int size, int height, int width, int channels, int classes, float[] images, int[] labels) {

    public Batch {
        if (size <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + size);
        }
        if (images.length != size * height * width * channels) {
            throw new IllegalArgumentException("batch holds " + images.length + " values, expected " + size + "x" + height + "x" + width + "x" + channels);
        }
        if (labels.length != size) {
            throw new IllegalArgumentException("batch holds " + labels.length + " labels, expected " + size);
        }
    }

    /** One-hot labels, row-major [size, classes]. */
    public float[] oneHotLabels() {
        float[] oneHot = new float[size * classes];
        for (int i = 0; i < size; i++) {
            oneHot[i * classes + labels[i]] = 1f;
        }
        return oneHot;
    }
}
