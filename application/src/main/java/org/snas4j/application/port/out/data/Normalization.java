package org.snas4j.application.port.out.data;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-channel standardisation x' = (x / 255 - mean[c]) / std[c]. The statistics come from the
 * training split only, so nothing about the validation or test images leaks into training.
 */
public final class Normalization {

    private final float[] mean;
    private final float[] std;
    /** value -> normalised value, per channel, for the 256 possible byte values. */
    private final float[][] table;

    public Normalization(float[] mean, float[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("need one mean and one std per channel, got " + mean.length + " and " + std.length);
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0f) || !Float.isFinite(std[c]) || !Float.isFinite(mean[c])) {
                throw new IllegalArgumentException("channel " + c + ": mean " + mean[c] + ", std " + std[c] + " (std must be positive and finite)");
            }
        }
        this.mean = mean.clone();
        this.std = std.clone();
        this.table = new float[mean.length][256];
        for (int c = 0; c < mean.length; c++) {
            for (int v = 0; v < 256; v++) {
                table[c][v] = (v / 255f - mean[c]) / std[c];
            }
        }
    }

    /**
     * Mean and population standard deviation of every channel over all pixels of {@code training}.
     * A constant channel (std 0) gets std 1, so it is centred but not blown up.
     */
    public static Normalization of(ImageDataset training) {
        if (training.size() == 0) {
            throw new IllegalArgumentException(training.name() + ": cannot compute normalisation statistics of an empty dataset");
        }
        int channels = training.channels();
        // Exact integer histograms: sums of 8-bit values never lose precision, whatever the dataset size.
        long[][] histogram = new long[channels][256];
        training.forEachImage((index, image) -> {
            for (int p = 0; p < image.length; p++) {
                histogram[p % channels][image[p] & 0xFF]++;
            }
        });
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double count = 0;
            double sum = 0;
            for (int v = 0; v < 256; v++) {
                count += histogram[c][v];
                sum += histogram[c][v] * (v / 255.0);
            }
            double m = sum / count;
            double squares = 0;
            for (int v = 0; v < 256; v++) {
                double d = v / 255.0 - m;
                squares += histogram[c][v] * d * d;
            }
            double s = Math.sqrt(squares / count);
            mean[c] = (float) m;
            std[c] = s > 0 ? (float) s : 1f;
        }
        return new Normalization(mean, std);
    }

    /** Leaves values at x / 255: for callers that want no standardisation. */
    public static Normalization unitScale(int channels) {
        float[] zeros = new float[channels];
        float[] ones = new float[channels];
        Arrays.fill(ones, 1f);
        return new Normalization(zeros, ones);
    }

    public int channels() {
        return mean.length;
    }

    public float mean(int channel) {
        return mean[channel];
    }

    public float std(int channel) {
        return std[channel];
    }

    /** The normalised value of byte value {@code value} (0..255) in {@code channel}. */
    public float apply(int value, int channel) {
        return table[channel][value];
    }

    /** Normalises {@code count} interleaved (HWC) byte values into {@code target}. */
    public void apply(byte[] source, int sourceOffset, float[] target, int targetOffset, int count) {
        int channels = mean.length;
        for (int i = 0; i < count; i++) {
            target[targetOffset + i] = table[i % channels][source[sourceOffset + i] & 0xFF];
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("Normalization[");
        for (int c = 0; c < mean.length; c++) {
            text.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "c%d mean %.4f std %.4f", c, mean[c], std[c]));
        }
        return text.append(']').toString();
    }
}
