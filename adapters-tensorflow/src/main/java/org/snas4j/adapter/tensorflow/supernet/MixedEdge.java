package org.snas4j.adapter.tensorflow.supernet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.snas4j.adapter.tensorflow.ops.Branches;
import org.snas4j.adapter.tensorflow.ops.CandidateOps;
import org.snas4j.adapter.tensorflow.ops.FeatureMap;
import org.snas4j.adapter.tensorflow.ops.Layers;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.domain.space.EdgeShape;
import org.snas4j.domain.space.Operation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
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
     * under {@code scope}'s child named by the operation id. An op ending in a BN takes its weight as
     * that BN's scale (see {@link CandidateOps#buildWeighted}).
     *
     * @param weights           the edge's 8 scalar weights, indexed by {@link Operation#ordinal()}
     * @param perChannelWeights the same 8 weights, each repeated over the edge's channels
     */
    public static List<Operand<TFloat32>> weightedTerms(NetworkScope scope, FeatureMap x, EdgeShape edge,
                                                        List<Operand<TFloat32>> weights, List<Operand<TFloat32>> perChannelWeights,
                                                        CandidateOps candidates) {
        return weightedTerms(scope, x, edge, weights, perChannelWeights, candidates, op -> true);
    }

    /** As {@link #weightedTerms(NetworkScope, FeatureMap, EdgeShape, List, List, CandidateOps)}, for the operations {@code built} accepts. */
    public static List<Operand<TFloat32>> weightedTerms(NetworkScope scope, FeatureMap x, EdgeShape edge,
                                                        List<Operand<TFloat32>> weights, List<Operand<TFloat32>> perChannelWeights,
                                                        CandidateOps candidates, Predicate<Operation> built) {
        return weightedTerms(scope, x, edge, weights, perChannelWeights, candidates, built, null);
    }

    /**
     * As {@link #weightedTerms(NetworkScope, FeatureMap, EdgeShape, List, List, CandidateOps, Predicate)}, each
     * operation computed only when its entry of {@code computed} (indexed by ordinal; null: always) is true, zeros
     * otherwise ({@link Branches}): a step may leave out the operations its Z weights by 0.
     */
    public static List<Operand<TFloat32>> weightedTerms(NetworkScope scope, FeatureMap x, EdgeShape edge,
                                                        List<Operand<TFloat32>> weights, List<Operand<TFloat32>> perChannelWeights,
                                                        CandidateOps candidates, Predicate<Operation> built,
                                                        List<Operand<TBool>> computed) {
        if (weights.size() != Operation.COUNT || perChannelWeights.size() != Operation.COUNT) {
            throw new IllegalArgumentException("an edge needs " + Operation.COUNT + " weights, got " + weights.size() + " and "
                    + perChannelWeights.size());
        }
        List<Operand<TFloat32>> terms = new ArrayList<>(Operation.COUNT - 1);
        for (Operation op : Operation.all()) {
            if (op == Operation.NONE || !built.test(op)) {
                continue;
            }
            Operand<TFloat32> weight = weights.get(op.ordinal());
            Operand<TFloat32> perChannelWeight = perChannelWeights.get(op.ordinal());
            if (computed == null) {
                terms.add(candidates.buildWeighted(scope.child(op.id()), op, x, edge, weight, perChannelWeight));
                continue;
            }
            Ops tf = scope.tf();
            Operand<TBool> taken = computed.get(op.ordinal());
            Operand<TFloat32> term = candidates.buildWeighted(scope.child(op.id()).computedWhen(taken), op, x.computedWhen(scope, taken),
                    edge, Branches.enter(tf, weight, taken), Branches.enter(tf, perChannelWeight, taken));
            terms.add(Branches.leave(tf, term, zeros(scope, x, edge), taken));
        }
        return terms;
    }

    /** Zeros of the edge's output shape, one tensor per input and stride, never differentiated. */
    private static Operand<TFloat32> zeros(NetworkScope scope, FeatureMap x, EdgeShape edge) {
        return scope.shared(List.of("ZerosOfSkippedOps", x.value().asOutput(), edge.stride()),
                () -> scope.tf().stopGradient(Layers.zeros(scope, x.value(), edge.stride())));
    }

    /** The mixed edge's output, sum_k Z[k] * O_k(x), for the 8 scalar weights of {@code weights} (a vector). */
    public static Operand<TFloat32> build(NetworkScope scope, FeatureMap x, EdgeShape edge, Operand<TFloat32> weights,
                                          CandidateOps candidates) {
        Ops tf = scope.tf();
        List<Operand<TFloat32>> scalars = new ArrayList<>(tf.unstack(weights, (long) Operation.COUNT).output());
        List<Operand<TFloat32>> perChannel = EdgeWeights.repeatedOverChannels(tf, weights, Operation.COUNT, edge.channels());
        return Layers.sum(scope, weightedTerms(scope, x, edge, scalars, perChannel, candidates));
    }
}
