package org.snas4j.application.port.out.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void meanAndStdArePerChannelOverAllPixelsOfAllImages() {
        // Two 1x2 images with 2 channels: channel 0 sees 0, 255, 255, 255; channel 1 always 51.
        byte[] pixels = {0, 51, (byte) 255, 51, (byte) 255, 51, (byte) 255, 51};
        ImageDataset data = new ImageDataset("hand-made", 1, 2, 2, 2, pixels, new int[] {0, 1});

        Normalization normalization = Normalization.of(data);

        assertEquals(0.75f, normalization.mean(0), 1e-6f);
        assertEquals((float) Math.sqrt(0.1875), normalization.std(0), 1e-6f);
        assertEquals(0.2f, normalization.mean(1), 1e-6f);
        assertEquals(1f, normalization.std(1), "a constant channel keeps std 1 instead of dividing by zero");
        assertEquals((0f - 0.75f) / (float) Math.sqrt(0.1875), normalization.apply(0, 0), 1e-5f);
        assertEquals(0f, normalization.apply(51, 1), 1e-6f);
    }

    @Test
    void normalisedTrainingPixelsHaveZeroMeanAndUnitVariance() {
        ImageDataset data = TestImages.identifiable(37, 3, 4, 3, 5);
        Normalization normalization = Normalization.of(data);
        float[] values = new float[data.size() * data.imageSize()];
        byte[] image = new byte[data.imageSize()];
        for (int i = 0; i < data.size(); i++) {
            data.copyImage(i, image, 0);
            normalization.apply(image, 0, values, i * data.imageSize(), image.length);
        }
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            double squares = 0;
            int count = 0;
            for (int p = c; p < values.length; p += 3) {
                sum += values[p];
                squares += values[p] * values[p];
                count++;
            }
            assertEquals(0, sum / count, 1e-5, "mean of channel " + c);
            assertEquals(1, squares / count, 1e-4, "variance of channel " + c);
        }
    }

    @Test
    void equalityIsByValue() {
        assertEquals(new Normalization(new float[] {0.5f}, new float[] {0.25f}), new Normalization(new float[] {0.5f}, new float[] {0.25f}));
        assertNotEquals(new Normalization(new float[] {0.5f}, new float[] {0.25f}), Normalization.unitScale(1));
        assertEquals(1f, Normalization.unitScale(1).apply(255, 0));
    }

    @Test
    void refusesNonPositiveStd() {
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0f}, new float[] {0f}));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(new float[] {0f}, new float[] {1f, 1f}));
    }
}
