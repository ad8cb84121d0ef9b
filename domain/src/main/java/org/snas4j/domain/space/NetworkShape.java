package org.snas4j.domain.space;

/**
 * The outer shape of a DARTS/SNAS network: how many cells, how wide, and what it reads and predicts.
 *
 * @param layers          number of cells; reduction cells sit at {@code layers/3} and {@code 2*layers/3}
 * @param initialChannels C, the channel count of the first cells (the stem emits 3C)
 * @param inputSize       height and width of the (square) input images
 * @param inputChannels   channels of the input images (1 for MNIST, 3 for CIFAR)
 * @param classes         number of output classes
 */
public record NetworkShape(int layers, int initialChannels, int inputSize, int inputChannels, int classes) {

    /** The stem's 3x3 convolution emits this many times C channels. */
    public static final int STEM_MULTIPLIER = 3;
    /** A cell's output concatenates this many intermediate nodes. */
    public static final int CELL_MULTIPLIER = CellTopology.STEPS;

    public NetworkShape {
        requirePositive(layers, "layers");
        requirePositive(initialChannels, "initial channels");
        requirePositive(inputSize, "input size");
        requirePositive(inputChannels, "input channels");
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
        int reductions = reductionCount(layers);
        int divisor = 1 << reductions;
        if (inputSize % divisor != 0) {
            throw new IllegalArgumentException("input size " + inputSize + " must be divisible by " + divisor
                    + " so that each of the " + reductions + " reduction cells halves it exactly");
        }
    }

    /** The paper's search network on CIFAR-10: 8 cells, C = 16, 32x32x3, 10 classes. */
    public static NetworkShape paperSearch() {
        return new NetworkShape(8, 16, 32, 3, 10);
    }

    /** The paper's evaluation network on CIFAR-10: 20 cells, C = 36, 32x32x3, 10 classes. */
    public static NetworkShape paperEvaluation() {
        return new NetworkShape(20, 36, 32, 3, 10);
    }

    /** True when cell {@code index} is a reduction cell. */
    public boolean isReduction(int index) {
        if (index < 0 || index >= layers) {
            throw new IllegalArgumentException("cell index " + index + " out of range 0.." + (layers - 1));
        }
        return index == layers / 3 || index == 2 * layers / 3;
    }

    /** Channels emitted by the stem (3C). */
    public int stemChannels() {
        return STEM_MULTIPLIER * initialChannels;
    }

    public NetworkShape withLayers(int newLayers) {
        return new NetworkShape(newLayers, initialChannels, inputSize, inputChannels, classes);
    }

    public NetworkShape withInitialChannels(int channels) {
        return new NetworkShape(layers, channels, inputSize, inputChannels, classes);
    }

    private static int reductionCount(int layers) {
        return layers / 3 == 2 * layers / 3 ? 1 : 2;
    }

    private static void requirePositive(int value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
