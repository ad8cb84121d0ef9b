package org.snas4j.adapter.tensorflow.supernet;

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

    /** A soft Z: a softmax of random logits per edge, as a Concrete sample looks. */
    static CellPair<EdgeOpMatrix> softZ(long seed) {
        return TrainingFixtures.softZ(seed);
    }
}
