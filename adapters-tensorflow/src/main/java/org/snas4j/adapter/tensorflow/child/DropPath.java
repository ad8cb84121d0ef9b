package org.snas4j.adapter.tensorflow.child;

import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * DARTS' {@code drop_path}: during training each example's output of an edge is zeroed with
 * probability p and otherwise scaled by 1/(1 - p), so the expected output is unchanged. The keep
 * probability 1 - p is fed per step (the probability ramps up with the epoch). The masks come from a
 * stateless generator keyed by a fed seed pair plus the edge's own index, so the masks of a step are
 * a pure function of (seed, step, edge): a resumed run draws exactly what an uninterrupted one would.
 */
final class DropPath {

    private final Operand<TFloat32> keepProbability;
    private final Operand<TInt64> seed;
    private int edges;

    /**
     * @param keepProbability scalar 1 - p
     * @param seed            int64 [2] seed of this step's masks
     */
    DropPath(Operand<TFloat32> keepProbability, Operand<TInt64> seed) {
        this.keepProbability = keepProbability;
        this.seed = seed;
    }

    /** x / keep * Bernoulli(keep) per example; the mask is exactly 1 when keep is 1. */
    Operand<TFloat32> apply(NetworkScope scope, Operand<TFloat32> x) {
        Ops tf = scope.tf().withSubScope("drop_path");
        long edge = edges++;
        Operand<TInt64> edgeSeed = tf.math.add(seed, tf.constant(new long[] {0L, edge}));
        Operand<TInt64> maskShape = tf.concat(java.util.List.of(
                tf.slice(tf.shape(x, TInt64.class), tf.constant(new long[] {0L}), tf.constant(new long[] {1L})),
                tf.constant(new long[] {1L, 1L, 1L})), tf.constant(0));
        Operand<TFloat32> uniform = tf.random.statelessRandomUniform(maskShape, edgeSeed, TFloat32.class);
        // floor(keep + U), U in [0, 1): 1 with probability keep, else 0.
        Operand<TFloat32> mask = tf.math.floor(tf.math.add(keepProbability, uniform));
        return tf.math.mul(tf.math.div(x, keepProbability), mask);
    }
}
