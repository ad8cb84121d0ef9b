package org.snas4j.bootstrap.cli;

import static org.snas4j.application.FlagChecks.positive;

import org.snas4j.application.InvalidInputException;
import org.snas4j.application.search.SearchConfiguration;
import org.snas4j.domain.space.NetworkShape;
import picocli.CommandLine.Option;

/** Network shape flags shared by the commands that build or price a network. */
public final class NetworkShapeOptions {

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

    private NetworkShapeOptions(NetworkShape defaults) {
        layers = defaults.layers();
        channels = defaults.initialChannels();
        inputSize = defaults.inputSize();
        inputChannels = defaults.inputChannels();
        classes = defaults.classes();
    }

    /** The default search's supernet on Fashion-MNIST: the search's cells and channels, 28x28x1, 10 classes. */
    public static NetworkShapeOptions searchDefaults() {
        SearchConfiguration defaults = SearchConfiguration.DEFAULTS;
        return new NetworkShapeOptions(new NetworkShape(defaults.layers(), defaults.channels(), 28, 1, 10));
    }

    /** The paper's evaluation network: 20 cells, C = 36, 32x32x3, 10 classes. */
    public static NetworkShapeOptions evaluationDefaults() {
        return new NetworkShapeOptions(NetworkShape.paperEvaluation());
    }

    NetworkShape toShape() {
        positive("--layers", layers);
        positive("--channels", channels);
        positive("--input-size", inputSize);
        positive("--input-channels", inputChannels);
        if (classes < 2) {
            throw new InvalidInputException("--classes", "must be at least 2, got " + classes);
        }
        try {
            return new NetworkShape(layers, channels, inputSize, inputChannels, classes);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--input-size", e.getMessage());
        }
    }
}
