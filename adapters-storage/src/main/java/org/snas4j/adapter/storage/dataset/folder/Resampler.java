package org.snas4j.adapter.storage.dataset.folder;

import org.snas4j.application.port.out.data.ImageFit;

/**
 * Brings HWC byte images to a square size: separable resampling with a triangle (bilinear) filter
 * widened by the reduction factor when shrinking, so every source pixel contributes (antialiased,
 * as PIL's and torchvision's bilinear resize); then, for {@link ImageFit#CROP}, the centre square.
 */
final class Resampler {

    private Resampler() {
    }

    /** The image at {@code size x size}: unchanged when it already is. */
    static byte[] fit(byte[] image, int height, int width, int channels, int size, ImageFit fit) {
        if (height == size && width == size) {
            return image;
        }
        if (fit == ImageFit.RESIZE) {
            return resize(image, height, width, channels, size, size);
        }
        // torchvision's Resize(size): the shorter side becomes size, the longer one keeps the aspect ratio (truncated).
        int scaledHeight = height <= width ? size : (int) ((long) size * height / width);
        int scaledWidth = width <= height ? size : (int) ((long) size * width / height);
        byte[] scaled = resize(image, height, width, channels, scaledHeight, scaledWidth);
        int top = Math.round((scaledHeight - size) / 2f);
        int left = Math.round((scaledWidth - size) / 2f);
        byte[] cropped = new byte[size * size * channels];
        for (int y = 0; y < size; y++) {
            System.arraycopy(scaled, ((top + y) * scaledWidth + left) * channels, cropped, y * size * channels, size * channels);
        }
        return cropped;
    }

    /** Resamples to {@code outHeight x outWidth}: along the rows, then (transposed) along the columns. */
    static byte[] resize(byte[] image, int height, int width, int channels, int outHeight, int outWidth) {
        float[] values = new float[image.length];
        for (int i = 0; i < image.length; i++) {
            values[i] = image[i] & 0xFF;
        }
        float[] rows = alongRows(values, height, width, channels, outWidth);
        float[] columns = alongRows(transpose(rows, height, outWidth, channels), outWidth, height, channels, outHeight);
        float[] result = transpose(columns, outWidth, outHeight, channels);
        byte[] pixels = new byte[result.length];
        for (int i = 0; i < result.length; i++) {
            pixels[i] = (byte) Math.max(0, Math.min(255, Math.round(result[i])));
        }
        return pixels;
    }

    /** Every row of an HWC image resampled from {@code width} to {@code outWidth} pixels. */
    private static float[] alongRows(float[] image, int height, int width, int channels, int outWidth) {
        Filter filter = Filter.of(width, outWidth);
        float[] result = new float[height * outWidth * channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < outWidth; x++) {
                for (int c = 0; c < channels; c++) {
                    float sum = 0;
                    for (int k = 0; k < filter.count[x]; k++) {
                        sum += filter.weights[x][k] * image[(y * width + filter.first[x] + k) * channels + c];
                    }
                    result[(y * outWidth + x) * channels + c] = sum;
                }
            }
        }
        return result;
    }

    /** The HWC image with its rows and columns swapped (WHC). */
    private static float[] transpose(float[] image, int height, int width, int channels) {
        float[] result = new float[image.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                System.arraycopy(image, (y * width + x) * channels, result, (x * height + y) * channels, channels);
            }
        }
        return result;
    }

    /** For every output position: the first source position it reads, how many, and their normalised weights. */
    private record Filter(int[] first, int[] count, float[][] weights) {

        static Filter of(int in, int out) {
            double scale = (double) in / out;
            double support = Math.max(1.0, scale);
            int[] first = new int[out];
            int[] count = new int[out];
            float[][] weights = new float[out][];
            for (int i = 0; i < out; i++) {
                double center = (i + 0.5) * scale;
                int from = Math.max(0, (int) Math.floor(center - support));
                int to = Math.min(in, (int) Math.ceil(center + support));
                double[] w = new double[to - from];
                double total = 0;
                for (int j = from; j < to; j++) {
                    w[j - from] = Math.max(0, 1 - Math.abs((j + 0.5 - center) / support));
                    total += w[j - from];
                }
                first[i] = from;
                count[i] = to - from;
                weights[i] = new float[to - from];
                for (int k = 0; k < w.length; k++) {
                    weights[i][k] = (float) (w[k] / total);
                }
            }
            return new Filter(first, count, weights);
        }
    }
}
