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
import org.snas4j.domain.space.NetworkLayout;
import org.tensorflow.Operand;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

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
        return logits(scope, layout, images, z, dropPath, OpSelection.ALL);
    }

    /**
     * As {@link #logits(NetworkScope, NetworkLayout, Operand, CellPair, DropPath)}, building only the candidate
     * operations {@code selection} keeps (a node none of whose ops is kept is zeros, as under Z it would be).
     */
    public static Operand<TFloat32> logits(NetworkScope scope, NetworkLayout layout, Operand<TFloat32> images,
                                           CellPair<Operand<TFloat32>> z, DropPath dropPath, OpSelection selection) {
        return logits(scope, layout, images, z, null, dropPath, selection);
    }

    /**
     * As {@link #logits(NetworkScope, NetworkLayout, Operand, CellPair, DropPath, OpSelection)}, each candidate op
     * computed only where the fed [14, 8] {@code computed} matrix of its cell kind is true (null: always), zeros
     * otherwise: a step whose Z weights an op by 0 may leave it out ({@link MixedEdge}).
     */
    public static Operand<TFloat32> logits(NetworkScope scope, NetworkLayout layout, Operand<TFloat32> images,
                                           CellPair<Operand<TFloat32>> z, CellPair<Operand<TBool>> computed, DropPath dropPath,
                                           OpSelection selection) {
        var shape = layout.shape();
        CellPair<EdgeWeights> weights = CellPair.of(kind -> new EdgeWeights(scope.tf(), z.get(kind),
                computed == null ? null : computed.get(kind)));
        NetworkScope stem = scope.child("stem");
        Operand<TFloat32> stemOut = Layers.batchNorm(stem, "bn",
                Layers.conv2d(stem, "conv", images, shape.inputChannels(), shape.stemChannels(), 3, 1, 1),
                shape.stemChannels(), true);
        // A cell's output is read by the next two cells' preprocessing, each through one shared ReLU.
        FeatureMap previousPrevious = FeatureMap.of(stemOut);
        FeatureMap previous = previousPrevious;
        for (CellShape cell : layout.cells()) {
            FeatureMap output = FeatureMap.of(cell(scope.child("cell" + cell.index()), cell, previousPrevious, previous,
                    weights.get(cell.kind()), dropPath, selection));
            previousPrevious = previous;
            previous = output;
        }
        Operand<TFloat32> pooled = Layers.globalAveragePool(scope, previous.value());
        return Layers.linear(scope, "classifier", pooled, layout.classifierInputs(), shape.classes());
    }

    /**
     * One search cell: preprocessing, 14 mixed edges into 4 nodes, concatenation of the nodes. Every
     * state's ReLU is built once and shared by all the ops of all the edges leaving it.
     */
    static Operand<TFloat32> cell(NetworkScope scope, CellShape cell, FeatureMap previousPrevious,
                                  FeatureMap previous, EdgeWeights z, DropPath dropPath, OpSelection selection) {
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
                List<Operand<TFloat32>> edgeTerms = MixedEdge.weightedTerms(edgeScope, states.get(from), cell.edge(edge),
                        z.edge(edge), z.edge(edge, channels), CANDIDATES, op -> selection.keeps(cell.kind(), edge, op), z.computed(edge));
                if (edgeTerms.isEmpty()) {
                    continue;
                }
                if (dropPath == null) {
                    terms.addAll(edgeTerms);
                } else {
                    terms.add(dropPath.apply(edgeScope, Layers.sum(edgeScope, edgeTerms)));
                }
            }
            states.add(FeatureMap.of(terms.isEmpty()
                    ? Layers.zeros(scope, states.get(0).value(), cell.edge(CellTopology.edgeIndex(0, node)).stride())
                    : Layers.sum(scope, terms)));
        }
        List<Operand<TFloat32>> nodes = states.subList(CellTopology.INPUT_NODES, CellTopology.NODES).stream().map(FeatureMap::value).toList();
        return scope.tf().concat(nodes, scope.tf().constant(3));
    }
}
