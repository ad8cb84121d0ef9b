package org.snas4j.adapter.tensorflow.supernet;

import java.util.ArrayList;
import java.util.List;
import org.snas4j.adapter.tensorflow.ops.Blocks;
import org.snas4j.adapter.tensorflow.ops.CandidateOps;
import org.snas4j.adapter.tensorflow.ops.DropPath;
import org.snas4j.adapter.tensorflow.ops.FeatureMap;
import org.snas4j.adapter.tensorflow.ops.Layers;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellShape;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.EdgeShape;
import org.snas4j.domain.space.NetworkLayout;
import org.snas4j.domain.space.Operation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The forward pass of the SNAS/DARTS search network ({@code model_search.py}): stem conv 3x3 + BN,
 * {@code layers} cells whose mixed edges are weighted by the fed Z of their kind, global average
 * pooling and a linear classifier. Cells use BN without affine parameters; the stem's BN keeps them,
 * as in the authors' code ({@code nn.BatchNorm2d(C_curr)}).
 */
public final class SupernetNetwork {

    private static final CandidateOps CANDIDATES = CandidateOps.search();

    private SupernetNetwork() {
    }

    /**
     * Builds the logits [batch, classes] for {@code images} [batch, size, size, inputChannels].
     *
     * @param z the fed [14, 8] Z of normal and reduction cells
     */
    public static Operand<TFloat32> logits(NetworkScope scope, NetworkLayout layout, Operand<TFloat32> images,
                                           CellPair<Operand<TFloat32>> z) {
        return logits(scope, layout, images, z, null);
    }

    /**
     * As {@link #logits(NetworkScope, NetworkLayout, Operand, CellPair)}, with every mixed edge's output
     * passed through {@code dropPath} (the authors' search network: {@code drop_path} on each edge's
     * weighted sum); null for none.
     */
    public static Operand<TFloat32> logits(NetworkScope scope, NetworkLayout layout, Operand<TFloat32> images,
                                           CellPair<Operand<TFloat32>> z, DropPath dropPath) {
        CellPair<EdgeWeights> weights = z.map(matrix -> new EdgeWeights(scope.tf(), matrix));
        return network(scope, layout, images, weights.map(cellWeights -> (EdgeTerms) (edgeScope, edge, input, shape) ->
                MixedEdge.weightedTerms(edgeScope, input, shape, cellWeights.edge(edge), CANDIDATES)), dropPath);
    }

    /**
     * The child network a one-hot Z selects, on the supernet's variables (same names): each edge
     * computes only its chosen op, an edge that chose {@code none} nothing. Its logits equal the
     * supernet's fed that Z, at a fraction of the cost (one op per edge instead of seven), which is
     * what a child's held-out evaluation and batch-norm re-estimation need.
     *
     * @param oneHot the Z of normal and reduction cells; every row must be one-hot
     */
    public static Operand<TFloat32> childLogits(NetworkScope scope, NetworkLayout layout, Operand<TFloat32> images,
                                                CellPair<EdgeOpMatrix> oneHot) {
        return network(scope, layout, images, oneHot.map(matrix -> (EdgeTerms) (edgeScope, edge, input, shape) -> {
            Operation chosen = chosenOp(matrix, edge);
            return chosen == Operation.NONE ? List.of() : List.of(CANDIDATES.build(edgeScope.child(chosen.id()), chosen, input, shape));
        }), null);
    }

    /** True when every row of both matrices holds one 1 and otherwise zeros: a Z that selects a child network. */
    public static boolean isOneHot(CellPair<EdgeOpMatrix> z) {
        return isOneHot(z.normal()) && isOneHot(z.reduction());
    }

    private static boolean isOneHot(EdgeOpMatrix matrix) {
        for (int edge = 0; edge < EdgeOpMatrix.ROWS; edge++) {
            int ones = 0;
            for (int op = 0; op < EdgeOpMatrix.COLUMNS; op++) {
                double value = matrix.get(edge, op);
                if (value == 1) {
                    ones++;
                } else if (value != 0) {
                    return false;
                }
            }
            if (ones != 1) {
                return false;
            }
        }
        return true;
    }

    private static Operation chosenOp(EdgeOpMatrix oneHot, int edge) {
        for (Operation op : Operation.all()) {
            if (oneHot.get(edge, op) == 1) {
                return op;
            }
        }
        throw new IllegalArgumentException("edge " + edge + " of the Z matrix is not one-hot");
    }

    /** The terms an edge adds to its node: every candidate weighted by Z (supernet) or the chosen op alone (child). */
    @FunctionalInterface
    private interface EdgeTerms {
        List<Operand<TFloat32>> of(NetworkScope edgeScope, int edge, FeatureMap input, EdgeShape shape);
    }

    /** Stem, cells whose edges add {@code edgeTerms}' terms, global average pooling and the classifier. */
    private static Operand<TFloat32> network(NetworkScope scope, NetworkLayout layout, Operand<TFloat32> images,
                                             CellPair<EdgeTerms> edgeTerms, DropPath dropPath) {
        var shape = layout.shape();
        NetworkScope stem = scope.child("stem");
        Operand<TFloat32> stemOut = Layers.batchNorm(stem, "bn",
                Layers.conv2d(stem, "conv", images, shape.inputChannels(), shape.stemChannels(), 3, 1, 1),
                shape.stemChannels(), true);
        // A cell's output is read by the next two cells' preprocessing, each through one shared ReLU.
        FeatureMap previousPrevious = FeatureMap.of(stemOut);
        FeatureMap previous = previousPrevious;
        for (CellShape cell : layout.cells()) {
            FeatureMap output = FeatureMap.of(cell(scope.child("cell" + cell.index()), cell, previousPrevious, previous,
                    edgeTerms.get(cell.kind()), dropPath));
            previousPrevious = previous;
            previous = output;
        }
        Operand<TFloat32> pooled = Layers.globalAveragePool(scope, previous.value());
        return Layers.linear(scope, "classifier", pooled, layout.classifierInputs(), shape.classes());
    }

    /**
     * One search cell: preprocessing, 14 edges into 4 nodes, concatenation of the nodes. Every state's
     * ReLU is built once and shared by all the ops of all the edges leaving it.
     */
    private static Operand<TFloat32> cell(NetworkScope scope, CellShape cell, FeatureMap previousPrevious,
                                          FeatureMap previous, EdgeTerms edgeTerms, DropPath dropPath) {
        int channels = cell.channels();
        Operand<TFloat32> input0 = cell.previousWasReduction()
                ? Blocks.factorizedReduce(scope.child("preprocess0"), previousPrevious, cell.prevPrevChannels(), channels, false)
                : Blocks.reluConvBn(scope.child("preprocess0"), previousPrevious, cell.prevPrevChannels(), channels, 1, 1, 0, false);
        Operand<TFloat32> input1 = Blocks.reluConvBn(scope.child("preprocess1"), previous, cell.prevChannels(), channels, 1, 1, 0, false);
        List<FeatureMap> states = new ArrayList<>(List.of(FeatureMap.of(input0), FeatureMap.of(input1)));
        for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
            // One AddN per node over all weighted terms of all incoming edges; with drop-path, each edge's
            // sum is masked first (one mask per edge and example, as the authors' code does).
            List<Operand<TFloat32>> terms = new ArrayList<>();
            for (int from = 0; from < node; from++) {
                int edge = CellTopology.edgeIndex(from, node);
                NetworkScope edgeScope = scope.child("edge" + edge);
                List<Operand<TFloat32>> fromEdge = edgeTerms.of(edgeScope, edge, states.get(from), cell.edge(edge));
                if (dropPath == null || fromEdge.isEmpty()) {
                    terms.addAll(fromEdge);
                } else {
                    terms.add(dropPath.apply(edgeScope, Layers.sum(edgeScope, fromEdge)));
                }
            }
            // A child node whose every edge chose none is zero, as the supernet's sum of zero-weighted terms is.
            states.add(FeatureMap.of(terms.isEmpty() ? zeros(scope, input1, cell.outputSize(), channels) : Layers.sum(scope, terms)));
        }
        List<Operand<TFloat32>> nodes = states.subList(CellTopology.INPUT_NODES, CellTopology.NODES).stream().map(FeatureMap::value).toList();
        return scope.tf().concat(nodes, scope.tf().constant(3));
    }

    /** Zeros of [batch of {@code like}, size, size, channels], with that static shape. */
    private static Operand<TFloat32> zeros(NetworkScope scope, Operand<TFloat32> like, int size, int channels) {
        Ops tf = scope.tf();
        Operand<TInt32> batch = tf.slice(tf.shape(like), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
        Operand<TInt32> dimensions = tf.concat(List.of(batch, tf.constant(new int[] {size, size, channels})), tf.constant(0));
        return tf.ensureShape(tf.fill(dimensions, tf.constant(0f)), Shape.of(-1, size, size, channels));
    }
}
