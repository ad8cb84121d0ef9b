package org.snas4j.bootstrap.cli;

import org.snas4j.domain.space.NetworkKind;
import org.snas4j.domain.space.NetworkShape;
import picocli.CommandLine.Option;

/**
 * Network shape flags shared by the commands that build or price a network. Unset flags take the
 * papers' evaluation shape of the chosen network: 20 cells, C = 36, 32x32x3, 10 classes (CIFAR-10),
 * or 14 cells, C = 48, 224x224x3, 1,000 classes (ImageNet, the mobile setting).
 */
public final class NetworkShapeOptions {

    @Option(names = "--network", paramLabel = "KIND", description = "cifar (DARTS' NetworkCIFAR) or imagenet (NetworkImageNet, the "
            + "mobile setting) (default: ${DEFAULT-VALUE}).")
    String network = NetworkKind.CIFAR.id();

    @Option(names = "--layers", paramLabel = "N", description = "Cells in the network (default: 20; 14 with --network imagenet).")
    Integer layers;

    @Option(names = "--channels", paramLabel = "C", description = "Initial channels C (default: 36; 48 with --network imagenet).")
    Integer channels;

    @Option(names = "--input-size", paramLabel = "PIXELS", description = "Height = width of the input images (default: 32; 224 with "
            + "--network imagenet).")
    Integer inputSize;

    @Option(names = "--input-channels", paramLabel = "N", description = "Channels of the input images (default: 3).")
    Integer inputChannels;

    @Option(names = "--classes", paramLabel = "N", description = "Output classes (default: 10; 1000 with --network imagenet).")
    Integer classes;

    NetworkShape toShape() {
        NetworkKind kind = SearchOptions.parse("--network", network, NetworkKind::fromId);
        NetworkShape defaults = kind == NetworkKind.IMAGENET ? NetworkShape.paperImageNet() : NetworkShape.paperEvaluation();
        int l = layers != null ? layers : defaults.layers();
        int c = channels != null ? channels : defaults.initialChannels();
        int size = inputSize != null ? inputSize : defaults.inputSize();
        int in = inputChannels != null ? inputChannels : defaults.inputChannels();
        int k = classes != null ? classes : defaults.classes();
        return NetworkSizeOptions.checkedShape(l, c, size, in, k, kind);
    }
}
