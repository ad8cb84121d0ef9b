package org.snas4j.application.service.retrain;

import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.domain.genotype.PublishedGenotypes;

/** Tiny images and retraining settings shared by the tests of the services that train, evaluate and export children. */
public final class RetrainFixtures {

    public static final int BATCH = 16;
    public static final int EPOCHS = 4;

    private RetrainFixtures() {
    }

    /** {@code count} 8x8 grayscale images of 7 classes whose pixels depend on their index plus {@code offset}. */
    public static ImageDataset images(String name, int count, int offset) {
        byte[] pixels = new byte[count * 8 * 8];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 7;
            for (int p = 0; p < 64; p++) {
                pixels[i * 64 + p] = (byte) (((i + offset) * 31 + p * 7) & 0xFF);
            }
        }
        return new ImageDataset(name, 8, 8, 1, 7, pixels, labels);
    }

    /** A tiny retraining (3 cells, C=4) of darts-v2 on the CPU; {@code validationFraction} 0 reports the test set. */
    public static RetrainConfiguration configuration(double validationFraction) {
        return RetrainConfiguration.builder().genotype("darts-v2", PublishedGenotypes.byName("darts-v2")).layers(3).channels(4)
                .batchSize(BATCH).epochs(EPOCHS).seed(7).cutout(3).learningRateMin(0.001).validationFraction(validationFraction).threads(1)
                .trainLimit(0).build();
    }
}
