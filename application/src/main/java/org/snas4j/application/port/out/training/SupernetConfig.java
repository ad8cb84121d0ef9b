package org.snas4j.application.port.out.training;

import java.util.Objects;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.domain.space.NetworkShape;

/**
 * How to build and train the SNAS supernet's weights (the architecture logits are not its business).
 *
 * @param shape    cells, channels, input and classes
 * @param sgd      the weight optimiser's momentum, weight decay and clip
 * @param dropPath probability of dropping each mixed edge's output per example in training steps
 *                 (0 builds no drop-path ops)
 * @param seed     seed of the weight initialisation and of the drop-path masks
 * @param device   CPU or GPU
 * @param threads  TensorFlow ops run at once, each single-threaded; 0 = one per core
 */
public record SupernetConfig(NetworkShape shape, SgdSettings sgd, double dropPath, long seed, Device device, int threads) {

    public SupernetConfig {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(sgd, "sgd");
        Objects.requireNonNull(device, "device");
        if (!(dropPath >= 0 && dropPath < 1)) {
            throw new IllegalArgumentException("drop-path probability must be in [0, 1), got " + dropPath);
        }
    }


    /** This configuration with search-time drop-path {@code probability}. */
    public SupernetConfig withDropPath(double probability) {
        return new SupernetConfig(shape, sgd, probability, seed, device, threads);
    }
}
