package org.snas4j.domain.space;

/**
 * The outer shape of a DARTS/SNAS network: how many cells, how wide, and what it reads and predicts.
 *
 * @param layers          number of cells; reduction cells sit at {@code layers/3} and {@code 2*layers/3}
 * @param initialChannels C, the channel count of the first cells (the stem emits 3C)
 * @param inputSize       height and width of the (square) input images
 * @param inputChannels   channels of the input images (1 for MNIST, 3 for CIFAR)
 * @param classes         number of output classes
 * @param kind            which evaluation network stacks the cells (the supernet is always {@link NetworkKind#CIFAR}'s layout)
 */
public record NetworkShape(int layers, int initialChannels, int inputSize, int inputChannels, int classes, NetworkKind kind) {

    /** The stem's 3x3 convolution emits this many times C channels. */
    public static final int STEM_MULTIPLIER = 3;
    /** A cell's output concatenates this many intermediate nodes. */
    public static final int CELL_MULTIPLIER = CellTopology.STEPS;

    public NetworkShape {
        if (kind == null) {
            throw new IllegalArgumentException("network kind is missing");
        }
        requirePositive(layers, "layers");
        requirePositive(initialChannels, "initial channels");
        requirePositive(inputSize, "input size");
        requirePositive(inputChannels, "input channels");
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
        int reductions = reductionCount(layers);
        int divisor = (1 << reductions) * kind.stemDownsampling();
        if (inputSize % divisor != 0) {
            throw new IllegalArgumentException("input size " + inputSize + " must be divisible by " + divisor + " so that "
                    + (kind.stemDownsampling() > 1 ? "the stems (1/" + kind.stemDownsampling() + ") and " : "")
                    + "each of the " + reductions + " reduction cells halve it exactly");
        }
        if (kind == NetworkKind.IMAGENET && initialChannels % 2 != 0) {
            throw new IllegalArgumentException("initial channels " + initialChannels + " must be even: the ImageNet network's first stem "
                    + "convolution emits C/2");
        }
    }

    /** A {@link NetworkKind#CIFAR} network, the layout of the supernet and of DARTS' CIFAR evaluation network. */
    public NetworkShape(int layers, int initialChannels, int inputSize, int inputChannels, int classes) {
        this(layers, initialChannels, inputSize, inputChannels, classes, NetworkKind.CIFAR);
    }

    /** The paper's search network on CIFAR-10: 8 cells, C = 16, 32x32x3, 10 classes. */
    public static NetworkShape paperSearch() {
        return new NetworkShape(8, 16, 32, 3, 10);
    }

    /** The paper's evaluation network on CIFAR-10: 20 cells, C = 36, 32x32x3, 10 classes. */
    public static NetworkShape paperEvaluation() {
        return new NetworkShape(20, 36, 32, 3, 10);
    }

    /** The mobile setting of DARTS and SNAS on ImageNet: 14 cells, C = 48, 224x224x3, 1,000 classes. */
    public static NetworkShape paperImageNet() {
        return new NetworkShape(14, 48, 224, 3, 1000, NetworkKind.IMAGENET);
    }

    /** True when cell {@code index} is a reduction cell. */
    public boolean isReduction(int index) {
        if (index < 0 || index >= layers) {
            throw new IllegalArgumentException("cell index " + index + " out of range 0.." + (layers - 1));
        }
        return index == layers / 3 || index == 2 * layers / 3;
    }

    /** Channels emitted by the stem: 3C for CIFAR, C for each ImageNet stem. */
    public int stemChannels() {
        return kind == NetworkKind.IMAGENET ? initialChannels : STEM_MULTIPLIER * initialChannels;
    }

    public NetworkShape withLayers(int newLayers) {
        return new NetworkShape(newLayers, initialChannels, inputSize, inputChannels, classes, kind);
    }

    public NetworkShape withInitialChannels(int channels) {
        return new NetworkShape(layers, channels, inputSize, inputChannels, classes, kind);
    }

    public NetworkShape withKind(NetworkKind newKind) {
        return new NetworkShape(layers, initialChannels, inputSize, inputChannels, classes, newKind);
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
