package org.snas4j.application.port.out.training;

import java.util.Objects;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.space.NetworkShape;

/**
 * How to build and train the evaluation network of a genotype (DARTS' {@code NetworkCIFAR}).
 *
 * @param genotype        the cells to build (DARTS form or edge-all form)
 * @param shape           cells, channels, input and classes
 * @param options         auxiliary head and BN after pools
 * @param auxiliaryWeight weight of the auxiliary head's loss (0.4); ignored without the head
 * @param sgd             the weight optimiser's momentum, weight decay and clip
 * @param seed            seed of the weight initialisation and of the drop-path masks
 * @param device          CPU or GPU
 * @param threads         intra-op threads; 0 lets TensorFlow choose
 * @param labelSmoothing  epsilon of the training loss's label smoothing: targets (1 - epsilon) * one-hot + epsilon / classes
 *                        (the ImageNet recipe of DARTS and SNAS: 0.1); 0 for plain cross-entropy. Evaluation losses never smooth.
 */
public record ChildNetworkConfig(Genotype genotype, NetworkShape shape, ChildOptions options, double auxiliaryWeight,
                                 SgdSettings sgd, long seed, Device device, int threads, double labelSmoothing) {

    /** DARTS' auxiliary loss weight. */
    public static final double DARTS_AUXILIARY_WEIGHT = 0.4;

    public ChildNetworkConfig {
        Objects.requireNonNull(genotype, "genotype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(sgd, "sgd");
        Objects.requireNonNull(device, "device");
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
        }
    }

    /** Without label smoothing. */
    public ChildNetworkConfig(Genotype genotype, NetworkShape shape, ChildOptions options, double auxiliaryWeight, SgdSettings sgd,
                              long seed, Device device, int threads) {
        this(genotype, shape, options, auxiliaryWeight, sgd, seed, device, threads, 0);
    }

    /** DARTS' retraining settings (auxiliary weight 0.4, momentum 0.9, weight decay 3e-4, clip 5) on the CPU. */
    public static ChildNetworkConfig dartsDefaults(Genotype genotype, NetworkShape shape, ChildOptions options, long seed) {
        return new ChildNetworkConfig(genotype, shape, options, DARTS_AUXILIARY_WEIGHT, SgdSettings.PAPER, seed, Device.CPU, 0);
    }

    public ChildNetworkConfig on(Device newDevice, int newThreads) {
        return new ChildNetworkConfig(genotype, shape, options, auxiliaryWeight, sgd, seed, newDevice, newThreads, labelSmoothing);
    }
}
