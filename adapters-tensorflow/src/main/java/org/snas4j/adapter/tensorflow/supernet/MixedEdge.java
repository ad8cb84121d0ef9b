package org.snas4j.adapter.tensorflow.supernet;

import java.util.ArrayList;
import java.util.List;
import org.snas4j.adapter.tensorflow.ops.CandidateOps;
import org.snas4j.adapter.tensorflow.ops.FeatureMap;
import org.snas4j.adapter.tensorflow.ops.Layers;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.domain.space.EdgeShape;
import org.snas4j.domain.space.Operation;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A supernet edge: every candidate operation applied to the edge's input and weighted by the fed
 * Z row, sum_k Z[k] * O_k(x). {@code none} contributes Z[none] * 0 = 0 to the sum and is left out,
 * saving a zeros tensor per edge without changing the output or any gradient (dLoss/dZ[none] is 0
 * either way).
 */
public final class MixedEdge {

    private MixedEdge() {
    }

    /**
     * The weighted terms Z[k] * O_k(x) for every operation but none; each operation's variables live
     * under {@code scope}'s child named by the operation id.
     *
     * @param weights the edge's 8 scalar weights, indexed by {@link Operation#ordinal()}
     */
    public static List<Operand<TFloat32>> weightedTerms(NetworkScope scope, FeatureMap x, EdgeShape edge,
                                                        List<Operand<TFloat32>> weights, CandidateOps candidates) {
        if (weights.size() != Operation.COUNT) {
            throw new IllegalArgumentException("an edge needs " + Operation.COUNT + " weights, got " + weights.size());
        }
        List<Operand<TFloat32>> terms = new ArrayList<>(Operation.COUNT - 1);
        for (Operation op : Operation.all()) {
            if (op == Operation.NONE) {
                continue;
            }
            Operand<TFloat32> output = candidates.build(scope.child(op.id()), op, x, edge);
            terms.add(scope.tf().math.mul(weights.get(op.ordinal()), output));
        }
        return terms;
    }

    /** The mixed edge's output, sum_k Z[k] * O_k(x). */
    public static Operand<TFloat32> build(NetworkScope scope, FeatureMap x, EdgeShape edge,
                                          List<Operand<TFloat32>> weights, CandidateOps candidates) {
        return Layers.sum(scope, weightedTerms(scope, x, edge, weights, candidates));
    }
}
