package org.snas4j.application.port.out.training;

import java.util.SplittableRandom;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

/** Batches and Z samples for the training ports' tests. */
public final class TrainingFixtures {

    private TrainingFixtures() {
    }

    /** Images whose class shows in their mean brightness, so a network can learn them. */
    public static Batch batch(NetworkShape shape, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int pixels = shape.inputSize() * shape.inputSize() * shape.inputChannels();
        float[] images = new float[size * pixels];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = random.nextInt(shape.classes());
            for (int p = 0; p < pixels; p++) {
                images[i * pixels + p] = (float) (random.nextGaussian() + labels[i] - 1);
            }
        }
        return new Batch(size, shape.inputSize(), shape.inputSize(), shape.inputChannels(), shape.classes(), images, labels);
    }

    /** A soft Z: a softmax of random logits per edge, as a Concrete sample looks. */
    public static CellPair<EdgeOpMatrix> softZ(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return CellPair.of(kind -> {
            double[][] rows = new double[EdgeOpMatrix.ROWS][EdgeOpMatrix.COLUMNS];
            for (double[] row : rows) {
                double sum = 0;
                for (int k = 0; k < row.length; k++) {
                    row[k] = Math.exp(random.nextGaussian());
                    sum += row[k];
                }
                for (int k = 0; k < row.length; k++) {
                    row[k] /= sum;
                }
            }
            return EdgeOpMatrix.of(rows);
        });
    }
}
