package org.snas4j.domain.genotype;

import java.util.Objects;
import org.snas4j.domain.space.CellShape;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.NetworkKind;
import org.snas4j.domain.space.NetworkLayout;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;

/**
 * Trainable parameter counts of the DARTS/SNAS networks, computed from the layout alone.
 *
 * <p>The conventions below MUST match the TensorFlow builders of the child network and of the
 * supernet (their tests compare against these counts):
 * <ul>
 *   <li>stem: Conv3x3 in -> 3C without bias, then BN(3C); the ImageNet network's two stems instead:
 *       Conv3x3 in -> C/2, BN(C/2), Conv3x3 C/2 -> C, BN(C), and Conv3x3 C -> C, BN(C);</li>
 *   <li>BN: affine (gamma and beta, 2 per channel) in the child; non-affine (0) everywhere in the
 *       supernet, stem included; moving statistics are never trainable;</li>
 *   <li>preprocessing of input 0: FactorizedReduce (two 1x1 convs C_in -> C/2 without bias, BN(C))
 *       when the previous cell reduced, else ReLU-Conv1x1 (no bias)-BN(C); input 1 always
 *       ReLU-Conv1x1-BN(C);</li>
 *   <li>sep_conv_k: two blocks, each depthwise kxk (C k^2) + pointwise (C^2) + BN(C);</li>
 *   <li>dil_conv_k: depthwise kxk (C k^2) + pointwise (C^2) + BN(C);</li>
 *   <li>skip_connect: identity (0) at stride 1, FactorizedReduce(C, C) at stride 2;</li>
 *   <li>none: 0 (so the none edges of an edge-all genotype cost nothing);</li>
 *   <li>max/avg pool: 0, or BN(C) with {@link ChildOptions#batchNormAfterPools()} (the SNAS code);</li>
 *   <li>classifier: global average pooling then Linear(4C_last -> classes) with bias;</li>
 *   <li>auxiliary head (DARTS' AuxiliaryHeadCIFAR) on the output of cell 2*layers/3 with C_aux
 *       channels and spatial size s: ReLU, AvgPool 5x5 stride 3 valid, Conv1x1 C_aux -> 128 (no bias),
 *       BN(128), ReLU, Conv pxp 128 -> 768 (no bias), BN(768), ReLU, Linear(768 -> classes) with bias.
 *       p = (s - 5) / 3 + 1 is the pooled size, so the conv reduces it to 1x1 whatever the input
 *       size: p = 2 for 32x32 inputs (DARTS' fixed 2x2 conv), p = 1 for 28x28.</li>
 * </ul>
 */
public final class NetworkParameterCount {

    private static final int STEM_KERNEL = 3;
    private static final int AUX_POOL = 5;
    private static final int AUX_POOL_STRIDE_CIFAR = 3;
    private static final int AUX_POOL_STRIDE_IMAGENET = 2;
    private static final int AUX_HIDDEN = 128;
    private static final int AUX_FEATURES = 768;

    private NetworkParameterCount() {
    }

    /** The evaluation network of {@code genotype} at {@code shape}: affine BN, stem, preprocessing, cells, classifier, optional auxiliary head. */
    public static long ofChild(Genotype genotype, NetworkShape shape, ChildOptions options) {
        Objects.requireNonNull(genotype, "genotype");
        Objects.requireNonNull(options, "options");
        NetworkLayout layout = NetworkLayout.of(Objects.requireNonNull(shape, "shape"));
        long total = stem(shape, true) + classifier(layout.classifierInputs(), shape.classes());
        for (CellShape cell : layout.cells()) {
            total += preprocessing(cell, true);
            for (CellEdge edge : genotype.cell(cell.kind()).edges()) {
                total += ofChildOperation(edge.operation(), cell.channels(), cell.edge(edge.edgeIndex()).stride(), options);
            }
        }
        if (options.auxiliaryHead()) {
            total += auxiliaryHead(layout.cell(2 * shape.layers() / 3), shape.classes(), shape.kind());
        }
        return total;
    }

    /**
     * The search supernet at {@code shape}: all 8 ops on every edge, BN without affine parameters in
     * the cells, no auxiliary head. The stem's BN keeps its affine parameters (2 * 3C), as in the
     * DARTS/SNAS search model, whose logged count for 8 cells at C = 16 is exactly 1,930,618; the
     * TensorFlow supernet holds the same weights.
     */
    public static long ofSupernet(NetworkShape shape) {
        if (Objects.requireNonNull(shape, "shape").kind() != NetworkKind.CIFAR) {
            throw new IllegalArgumentException("the search supernet has the CIFAR layout, not " + shape.kind().id());
        }
        NetworkLayout layout = NetworkLayout.of(shape);
        long total = stem(shape, true) + classifier(layout.classifierInputs(), shape.classes());
        for (CellShape cell : layout.cells()) {
            total += preprocessing(cell, false);
            for (int e = 0; e < CellTopology.EDGES; e++) {
                for (Operation op : Operation.all()) {
                    total += operation(op, cell.channels(), cell.edge(e).stride(), false, false);
                }
            }
        }
        return total;
    }

    /** One op of a child cell on an edge with {@code channels} and {@code stride}, with affine BN. */
    public static long ofChildOperation(Operation op, int channels, int stride, ChildOptions options) {
        return operation(op, channels, stride, true, options.batchNormAfterPools());
    }

    private static long operation(Operation op, int c, int stride, boolean affine, boolean batchNormAfterPools) {
        long depthwise = (long) c * op.kernelSize() * op.kernelSize();
        long pointwise = (long) c * c;
        return switch (op) {
            case NONE -> 0;
            case MAX_POOL_3X3, AVG_POOL_3X3 -> batchNormAfterPools ? batchNorm(c, affine) : 0;
            case SKIP_CONNECT -> stride == 1 ? 0 : factorizedReduce(c, c, affine);
            case SEP_CONV_3X3, SEP_CONV_5X5 -> 2 * (depthwise + pointwise + batchNorm(c, affine));
            case DIL_CONV_3X3, DIL_CONV_5X5 -> depthwise + pointwise + batchNorm(c, affine);
        };
    }

    private static long stem(NetworkShape shape, boolean affine) {
        if (shape.kind() == NetworkKind.IMAGENET) {
            int c = shape.initialChannels();
            return conv3x3(shape.inputChannels(), c / 2) + batchNorm(c / 2, affine) + conv3x3(c / 2, c) + batchNorm(c, affine)
                    + conv3x3(c, c) + batchNorm(c, affine);
        }
        return conv3x3(shape.inputChannels(), shape.stemChannels()) + batchNorm(shape.stemChannels(), affine);
    }

    private static long conv3x3(int in, int out) {
        return (long) in * out * STEM_KERNEL * STEM_KERNEL;
    }

    private static long preprocessing(CellShape cell, boolean affine) {
        long input0 = cell.previousWasReduction()
                ? factorizedReduce(cell.prevPrevChannels(), cell.channels(), affine)
                : reluConvBn(cell.prevPrevChannels(), cell.channels(), affine);
        return input0 + reluConvBn(cell.prevChannels(), cell.channels(), affine);
    }

    private static long classifier(int inputs, int classes) {
        return (long) inputs * classes + classes;
    }

    private static long auxiliaryHead(CellShape cell, int classes, NetworkKind kind) {
        int pooled = auxiliaryPooledSize(cell, kind);
        return (long) cell.outputChannels() * AUX_HIDDEN + batchNorm(AUX_HIDDEN, true)
                + (long) AUX_HIDDEN * AUX_FEATURES * pooled * pooled + batchNorm(AUX_FEATURES, true)
                + classifier(AUX_FEATURES, classes);
    }

    /**
     * Side of the auxiliary head's pooled map on the output of {@code cell}, which its second
     * convolution reduces to 1x1.
     *
     * @throws IllegalArgumentException when the cell's output is smaller than the 5x5 pooling window
     */
    public static int auxiliaryPooledSize(CellShape cell, NetworkKind kind) {
        int size = cell.outputSize();
        if (size < AUX_POOL) {
            throw new IllegalArgumentException("the auxiliary head needs at least " + AUX_POOL + "x" + AUX_POOL
                    + " features at cell " + cell.index() + ", got " + size + "x" + size);
        }
        return (size - AUX_POOL) / auxiliaryPoolStride(kind) + 1;
    }

    /** Stride of the auxiliary head's 5x5 average pooling: 3 in AuxiliaryHeadCIFAR, 2 in AuxiliaryHeadImageNet. */
    public static int auxiliaryPoolStride(NetworkKind kind) {
        return kind == NetworkKind.IMAGENET ? AUX_POOL_STRIDE_IMAGENET : AUX_POOL_STRIDE_CIFAR;
    }

    /** ReLU, 1x1 conv without bias, BN. */
    private static long reluConvBn(int in, int out, boolean affine) {
        return (long) in * out + batchNorm(out, affine);
    }

    /** ReLU, two 1x1 stride-2 convs in -> out/2 without bias (the second on the shifted input), concat, BN. */
    private static long factorizedReduce(int in, int out, boolean affine) {
        return 2L * in * (out / 2) + batchNorm(out, affine);
    }

    private static long batchNorm(int channels, boolean affine) {
        return affine ? 2L * channels : 0;
    }
}
