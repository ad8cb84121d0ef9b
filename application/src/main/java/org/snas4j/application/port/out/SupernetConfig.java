package org.snas4j.application.port.out;

import java.util.Objects;
import org.snas4j.domain.space.NetworkShape;

/**
 * How to build and train the SNAS supernet's weights (the architecture logits are not its business).
 *
 * @param shape           cells, channels, input and classes
 * @param momentum        SGD momentum (0.9)
 * @param weightDecay     L2 weight decay on the network weights (3e-4)
 * @param gradientClip    global gradient-norm clip (5)
 * @param seed            seed of the weight initialisation
 * @param device          CPU or GPU
 * @param threads         TensorFlow ops run at once, each single-threaded; 0 = one per core
 */
public record SupernetConfig(NetworkShape shape, double momentum, double weightDecay, double gradientClip,
                             long seed, Device device, int threads) {

    public SupernetConfig {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(device, "device");
    }

    /** The authors' optimiser settings for a given shape and seed, on the CPU. */
    public static SupernetConfig paperDefaults(NetworkShape shape, long seed) {
        return new SupernetConfig(shape, 0.9, 3e-4, 5.0, seed, Device.CPU, 0);
    }
}
