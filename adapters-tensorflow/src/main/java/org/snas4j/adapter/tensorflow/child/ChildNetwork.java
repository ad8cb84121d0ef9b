package org.snas4j.adapter.tensorflow.child;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.snas4j.adapter.tensorflow.ops.Blocks;
import org.snas4j.adapter.tensorflow.ops.CandidateOps;
import org.snas4j.adapter.tensorflow.ops.DropPath;
import org.snas4j.adapter.tensorflow.ops.FeatureMap;
import org.snas4j.adapter.tensorflow.ops.Layers;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.CellGenotype;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.space.CellShape;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.NetworkKind;
import org.snas4j.domain.space.NetworkLayout;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The DARTS evaluation network ({@code NetworkCIFAR} of DARTS' {@code model.py}, or
 * {@code NetworkImageNet} with its two stride-2 stems for {@link NetworkKind#IMAGENET}) of a genotype:
 * stem Conv3x3 + BN, {@code layers} cells with reductions at layers/3 and 2*layers/3, global average
 * pooling and a linear classifier, and optionally the auxiliary head on the output of cell
 * 2*layers/3. All BN is affine. Both genotype forms are built the same way: every kept edge applies
 * its op (stride 2 on edges leaving the cell inputs of a reduction cell) and each intermediate node
 * sums its edges; {@code none} edges contribute nothing, so a node left without inputs (possible in
 * the edge-all form) is zeros. The preprocessing of both cell inputs is always built, as DARTS'
 * modules are, even when no edge reads an input, so parameter counts match the domain's.
 *
 * <p>Variable paths: {@code stem/conv}, {@code stem/bn/*} (ImageNet: {@code stem0/conv1|conv2}, {@code stem0/bn1|bn2/*},
 * {@code stem1/conv}, {@code stem1/bn/*}), {@code cellK/preprocess0|1/*},
 * {@code cellK/edgeE/*} (E the supernet edge index 0..13), {@code auxiliary/*}, {@code classifier/*}.
 */
public final class ChildNetwork {

    private static final int STEM_KERNEL = 3;

    /**
     * @param logits          [N, classes]
     * @param auxiliaryLogits [N, classes] of the auxiliary head, present when it was built
     */
    public record Outputs(Operand<TFloat32> logits, Optional<Operand<TFloat32>> auxiliaryLogits) {
    }

    private ChildNetwork() {
    }

    /** The inference pass: moving BN statistics, no drop-path, no auxiliary head. */
    public static Outputs inference(NetworkScope scope, Operand<TFloat32> images, Genotype genotype, NetworkShape shape,
                                    ChildOptions options) {
        if (scope.isTraining()) {
            throw new IllegalArgumentException("the inference pass needs an inference-mode scope");
        }
        return build(scope, images, genotype, shape, options, null);
    }

    /**
     * The training pass: batch BN statistics, drop-path on every edge that is not an identity, and the
     * auxiliary head when {@code options.auxiliaryHead()}.
     */
    static Outputs training(NetworkScope scope, Operand<TFloat32> images, Genotype genotype, NetworkShape shape,
                            ChildOptions options, DropPath dropPath) {
        if (!scope.isTraining()) {
            throw new IllegalArgumentException("the training pass needs a training-mode scope");
        }
        return build(scope, images, genotype, shape, options, Objects.requireNonNull(dropPath, "dropPath"));
    }

    private static Outputs build(NetworkScope scope, Operand<TFloat32> images, Genotype genotype, NetworkShape shape,
                                 ChildOptions options, DropPath dropPath) {
        Objects.requireNonNull(genotype, "genotype");
        Objects.requireNonNull(options, "options");
        requireFourNodeConcat(genotype.normal());
        requireFourNodeConcat(genotype.reduction());
        long[] expected = {-1, shape.inputSize(), shape.inputSize(), shape.inputChannels()};
        for (int axis = 1; axis < 4; axis++) {
            if (images.shape().size(axis) != expected[axis]) {
                throw new IllegalArgumentException("images must be [N, " + shape.inputSize() + ", " + shape.inputSize() + ", "
                        + shape.inputChannels() + "], got " + images.shape());
            }
        }
        NetworkLayout layout = NetworkLayout.of(shape);
        CandidateOps ops = new CandidateOps(true, options.batchNormAfterPools());
        Operand<TInt32> batchSize = scope.tf().slice(scope.tf().shape(images), scope.tf().constant(new int[] {0}),
                scope.tf().constant(new int[] {1}));

        // Outputs and states feed several ops through one shared ReLU each.
        FeatureMap previousPrevious;
        FeatureMap previous;
        if (shape.kind() == NetworkKind.IMAGENET) {
            previousPrevious = FeatureMap.of(imageNetStem0(scope.child("stem0"), images, shape));
            previous = FeatureMap.of(imageNetStem1(scope.child("stem1"), previousPrevious, shape.initialChannels()));
        } else {
            NetworkScope stem = scope.child("stem");
            previous = FeatureMap.of(Layers.batchNorm(stem, "bn",
                    Layers.conv2d(stem, "conv", images, shape.inputChannels(), shape.stemChannels(), STEM_KERNEL, 1, 1),
                    shape.stemChannels(), true));
            previousPrevious = previous;
        }
        int auxiliaryCell = 2 * shape.layers() / 3;
        Operand<TFloat32> auxiliary = null;
        for (CellShape cell : layout.cells()) {
            FeatureMap output = FeatureMap.of(cell(scope.child("cell" + cell.index()), previousPrevious, previous, cell,
                    genotype.cell(cell.kind()), ops, dropPath, batchSize));
            previousPrevious = previous;
            previous = output;
            if (cell.index() == auxiliaryCell && dropPath != null && options.auxiliaryHead()) {
                auxiliary = AuxiliaryHead.build(scope.child("auxiliary"), previous.value(), cell.outputChannels(), shape.classes(), shape.kind());
            }
        }
        Operand<TFloat32> logits = Layers.linear(scope, "classifier", Layers.globalAveragePool(scope, previous.value()),
                layout.classifierInputs(), shape.classes());
        return new Outputs(logits, Optional.ofNullable(auxiliary));
    }

    /** NetworkImageNet's stem0: Conv3x3/2 to C/2, BN, ReLU, Conv3x3/2 to C, BN (a quarter of the input size). */
    private static Operand<TFloat32> imageNetStem0(NetworkScope scope, Operand<TFloat32> images, NetworkShape shape) {
        int half = shape.initialChannels() / 2;
        Operand<TFloat32> y = Layers.conv2d(scope, "conv1", images, shape.inputChannels(), half, STEM_KERNEL, 2, 1);
        y = Layers.relu(scope, Layers.batchNorm(scope, "bn1", y, half, true));
        y = Layers.conv2d(scope, "conv2", y, half, shape.initialChannels(), STEM_KERNEL, 2, 1);
        return Layers.batchNorm(scope, "bn2", y, shape.initialChannels(), true);
    }

    /**
     * NetworkImageNet's stem1 on stem0's output: ReLU, Conv3x3/2 (C to C), BN (an eighth of the input
     * size). The ReLU is stem0's shared one, which the first cell's preprocessing reads too.
     */
    private static Operand<TFloat32> imageNetStem1(NetworkScope scope, FeatureMap stem0, int channels) {
        Operand<TFloat32> y = Layers.conv2d(scope, "conv", stem0.relu(scope), channels, channels, STEM_KERNEL, 2, 1);
        return Layers.batchNorm(scope, "bn", y, channels, true);
    }

    private static Operand<TFloat32> cell(NetworkScope scope, FeatureMap input0, FeatureMap input1, CellShape cell,
                                          CellGenotype genotype, CandidateOps ops, DropPath dropPath, Operand<TInt32> batchSize) {
        int c = cell.channels();
        Operand<TFloat32> s0 = cell.previousWasReduction()
                ? Blocks.factorizedReduce(scope.child("preprocess0"), input0, cell.prevPrevChannels(), c, true)
                : Blocks.reluConvBn(scope.child("preprocess0"), input0, cell.prevPrevChannels(), c, 1, 1, 0, true);
        Operand<TFloat32> s1 = Blocks.reluConvBn(scope.child("preprocess1"), input1, cell.prevChannels(), c, 1, 1, 0, true);
        List<FeatureMap> states = new ArrayList<>(List.of(FeatureMap.of(s0), FeatureMap.of(s1)));
        for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
            List<Operand<TFloat32>> terms = new ArrayList<>();
            for (CellEdge edge : genotype.edgesInto(node)) {
                if (edge.operation() == Operation.NONE) {
                    continue;
                }
                int index = edge.edgeIndex();
                NetworkScope edgeScope = scope.child("edge" + index);
                Operand<TFloat32> y = ops.build(edgeScope, edge.operation(), states.get(edge.input()), cell.edge(index));
                boolean identity = edge.operation() == Operation.SKIP_CONNECT && cell.edge(index).stride() == 1;
                terms.add(dropPath == null || identity ? y : dropPath.apply(edgeScope, y));
            }
            states.add(FeatureMap.of(terms.isEmpty() ? zeros(scope, batchSize, cell) : Layers.sum(scope, terms)));
        }
        List<Operand<TFloat32>> concatenated = new ArrayList<>();
        for (int node : genotype.concat()) {
            concatenated.add(states.get(node).value());
        }
        return scope.tf().concat(concatenated, scope.tf().constant(3));
    }

    /**
     * The output of a node without inputs. Its shape comes from the images' batch size, not from a
     * feature map: zeros computed from a map would tie that map's weights to the loss with no gradient
     * through them, which TensorFlow's gradient builder refuses.
     */
    private static Operand<TFloat32> zeros(NetworkScope scope, Operand<TInt32> batchSize, CellShape cell) {
        Ops tf = scope.tf();
        Operand<TInt32> dims = tf.concat(List.of(batchSize,
                tf.constant(new int[] {cell.outputSize(), cell.outputSize(), cell.channels()})), tf.constant(0));
        return tf.fill(dims, tf.constant(0f));
    }

    private static void requireFourNodeConcat(CellGenotype cell) {
        if (cell.concat().size() != NetworkShape.CELL_MULTIPLIER) {
            throw new IllegalArgumentException("the network layout concatenates " + NetworkShape.CELL_MULTIPLIER
                    + " nodes per cell, the genotype lists " + cell.concat());
        }
    }
}
