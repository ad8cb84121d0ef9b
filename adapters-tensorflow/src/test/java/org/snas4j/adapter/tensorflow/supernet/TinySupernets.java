package org.snas4j.adapter.tensorflow.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.training.SgdSettings;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.TrainingFixtures;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

/** Small shapes, batches and Z samples for supernet tests. */
final class TinySupernets {

    /** 3 cells (normal, reduction, reduction after a reduction), C = 4, 8x8x1 inputs, 3 classes. */
    static final NetworkShape TINY = new NetworkShape(3, 4, 8, 1, 3);

    private TinySupernets() {
    }

    static SupernetConfig config(NetworkShape shape, long seed) {
        return new SupernetConfig(shape, SgdSettings.PAPER, 0.0, seed, Device.CPU, 2);
    }

    /** Images whose class shows in their mean brightness, so a network can learn them. */
    static Batch batch(NetworkShape shape, int size, long seed) {
        return TrainingFixtures.batch(shape, size, seed);
    }

    /**
     * Asserts {@code actual} within {@code relative} of {@code expected} in the Euclidean norm (plus {@code absolute}):
     * single elements near 0 may differ by more, harmlessly, when float32 sums run in another order.
     */
    static void assertNormClose(String what, float[] expected, float[] actual, double relative, double absolute) {
        assertEquals(expected.length, actual.length, what);
        double difference = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            difference += Math.pow((double) expected[i] - actual[i], 2);
            norm += Math.pow(expected[i], 2);
        }
        assertTrue(Math.sqrt(difference) <= relative * Math.sqrt(norm) + absolute,
                what + ": relative difference " + Math.sqrt(difference / Math.max(norm, 1e-30)));
    }

    /** A soft Z: a softmax of random logits per edge, as a Concrete sample looks. */
    static CellPair<EdgeOpMatrix> softZ(long seed) {
        return TrainingFixtures.softZ(seed);
    }
}
