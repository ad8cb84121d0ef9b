package org.snas4j.domain.genotype;

import java.util.Objects;
import org.snas4j.domain.space.CellShape;
import org.snas4j.domain.space.EdgeShape;
import org.snas4j.domain.space.NetworkKind;
import org.snas4j.domain.space.NetworkLayout;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;

/**
 * Multiply-adds of one image through the evaluation network of a genotype at inference: every
 * convolution (output pixels x kernel area x input channels per group x output channels) and the
 * classifier (inputs x classes), the "mult-adds" of the mobile setting (NASNet, DARTS, SNAS report
 * them for 224x224 inputs and 1,000 classes). Batch norm, ReLU, pooling, additions and
 * concatenations count nothing (batch norm folds into the preceding convolution at inference), so
 * the two pool conventions ({@link ChildOptions#batchNormAfterPools()}) cost the same; the
 * auxiliary head runs in training only and is not counted. Layer by layer, as the authors' PyTorch
 * modules are built ({@link NetworkParameterCount} documents the modules).
 */
public final class NetworkMultiplyAdds {

    private static final int STEM_KERNEL = 3;

    private NetworkMultiplyAdds() {
    }

    public static long ofChild(Genotype genotype, NetworkShape shape) {
        Objects.requireNonNull(genotype, "genotype");
        NetworkLayout layout = NetworkLayout.of(Objects.requireNonNull(shape, "shape"));
        long total = stem(shape) + (long) layout.classifierInputs() * shape.classes();
        for (CellShape cell : layout.cells()) {
            total += preprocessing(cell);
            for (CellEdge edge : genotype.cell(cell.kind()).edges()) {
                total += ofOperation(edge.operation(), cell.edge(edge.edgeIndex()));
            }
        }
        return total;
    }

    /** One op on an edge: its convolutions at the edge's output size (a stride-2 op's first convolution strides). */
    public static long ofOperation(Operation op, EdgeShape edge) {
        long c = edge.channels();
        long pixels = (long) edge.outputSize() * edge.outputSize();
        long depthwise = c * op.kernelSize() * op.kernelSize();
        return switch (op) {
            case NONE, MAX_POOL_3X3, AVG_POOL_3X3 -> 0;
            case SKIP_CONNECT -> edge.stride() == 1 ? 0 : factorizedReduce(c, c, pixels);
            case SEP_CONV_3X3, SEP_CONV_5X5 -> 2 * (depthwise + c * c) * pixels;
            case DIL_CONV_3X3, DIL_CONV_5X5 -> (depthwise + c * c) * pixels;
        };
    }

    private static long stem(NetworkShape shape) {
        long size = shape.inputSize();
        if (shape.kind() == NetworkKind.IMAGENET) {
            long c = shape.initialChannels();
            return conv3x3(shape.inputChannels(), c / 2, size / 2) + conv3x3(c / 2, c, size / 4) + conv3x3(c, c, size / 8);
        }
        return conv3x3(shape.inputChannels(), shape.stemChannels(), size);
    }

    private static long conv3x3(long in, long out, long outputSize) {
        return in * out * STEM_KERNEL * STEM_KERNEL * outputSize * outputSize;
    }

    /** Input 0 through FactorizedReduce after a reduction, else a 1x1 convolution; input 1 through a 1x1 convolution. */
    private static long preprocessing(CellShape cell) {
        long pixels = (long) cell.inputSize() * cell.inputSize();
        long input0 = cell.previousWasReduction()
                ? factorizedReduce(cell.prevPrevChannels(), cell.channels(), pixels)
                : (long) cell.prevPrevChannels() * cell.channels() * pixels;
        return input0 + (long) cell.prevChannels() * cell.channels() * pixels;
    }

    /** Two 1x1 stride-2 convolutions in -> out/2, at the halved size. */
    private static long factorizedReduce(long in, long out, long outputPixels) {
        return 2 * in * (out / 2) * outputPixels;
    }
}
