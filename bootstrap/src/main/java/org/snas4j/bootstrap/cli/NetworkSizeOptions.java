package org.snas4j.bootstrap.cli;

import static org.snas4j.application.SettingChecks.positive;

import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.domain.space.NetworkKind;
import org.snas4j.domain.space.NetworkShape;
import picocli.CommandLine.Option;

/**
 * The size of a CIFAR-layout network with fixed defaults, for a command whose {@code --network}
 * means something else ({@code bench}: supernet or child). {@link NetworkShapeOptions} is the same
 * with the evaluation network's kind.
 */
public final class NetworkSizeOptions {

    @Option(names = "--layers", paramLabel = "N", description = "Cells in the network (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--channels", paramLabel = "C", description = "Initial channels C (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--input-size", paramLabel = "PIXELS", description = "Height = width of the input images (default: ${DEFAULT-VALUE}).")
    int inputSize;

    @Option(names = "--input-channels", paramLabel = "N", description = "Channels of the input images (default: ${DEFAULT-VALUE}).")
    int inputChannels;

    @Option(names = "--classes", paramLabel = "N", description = "Output classes (default: ${DEFAULT-VALUE}).")
    int classes;

    private NetworkSizeOptions(NetworkShape defaults) {
        layers = defaults.layers();
        channels = defaults.initialChannels();
        inputSize = defaults.inputSize();
        inputChannels = defaults.inputChannels();
        classes = defaults.classes();
    }

    /** The default search's supernet on Fashion-MNIST: the search's cells and channels, 28x28x1, 10 classes. */
    public static NetworkSizeOptions searchDefaults() {
        SearchConfiguration defaults = SearchConfiguration.DEFAULTS;
        return new NetworkSizeOptions(new NetworkShape(defaults.layers(), defaults.channels(), 28, 1, 10));
    }

    NetworkShape toShape() {
        return checkedShape(layers, channels, inputSize, inputChannels, classes, NetworkKind.CIFAR);
    }

    /** The shape these values give, or a refusal naming the flag at fault. */
    static NetworkShape checkedShape(int layers, int channels, int inputSize, int inputChannels, int classes, NetworkKind kind) {
        positive("--layers", layers);
        positive("--channels", channels);
        positive("--input-size", inputSize);
        positive("--input-channels", inputChannels);
        if (classes < 2) {
            throw new InvalidInputException("--classes", "must be at least 2, got " + classes);
        }
        try {
            return new NetworkShape(layers, channels, inputSize, inputChannels, classes, kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage().startsWith("initial channels") ? "--channels" : "--input-size", e.getMessage());
        }
    }
}
