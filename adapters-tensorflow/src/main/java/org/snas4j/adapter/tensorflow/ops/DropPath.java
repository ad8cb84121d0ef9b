package org.snas4j.adapter.tensorflow.ops;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * DARTS' {@code drop_path}: during training each example's output of an edge is zeroed with
 * probability p and otherwise scaled by 1/(1 - p), so the expected output is unchanged. The keep
 * probability 1 - p is fed per step. The masks come from a stateless generator keyed by the fed seed
 * pair (stream, step) with the edge's index mixed into the stream half, so the masks of a step are a
 * pure function of (stream, step, edge): a resumed run draws exactly what an uninterrupted one would,
 * and no two (step, edge) pairs share a mask (keying by step + edge made edge e at step s + 1 reuse
 * edge e + 1's mask of step s).
 */
public final class DropPath {

    /**
     * Odd 64-bit constant spreading edge indices over the stream half of the seed. It must differ from the
     * trainers' seed multiplier (the golden ratio's bits): with the same constant, seed s and edge e + 1 would
     * share a key with seed s + 1 and edge e.
     */
    private static final long EDGE_SPREAD = 0xC2B2AE3D27D4EB4FL;

    private final Operand<TFloat32> keepProbability;
    private final Operand<TInt64> seed;
    private int edges;

    /**
     * @param keepProbability scalar 1 - p
     * @param seed            int64 [2]: (stream of the run, 0-based step)
     */
    public DropPath(Operand<TFloat32> keepProbability, Operand<TInt64> seed) {
        this.keepProbability = keepProbability;
        this.seed = seed;
    }

    /** Seed half that keys the masks of {@code edge} apart from every other edge's. */
    static long edgeOffset(long edge) {
        return edge * EDGE_SPREAD;
    }

    /** x / keep * Bernoulli(keep) per example; the mask is exactly 1 when keep is 1. */
    public Operand<TFloat32> apply(NetworkScope scope, Operand<TFloat32> x) {
        Ops tf = scope.tf();
        long edge = edges++;
        Operand<TInt64> edgeSeed = tf.math.add(seed, tf.constant(new long[] {edgeOffset(edge), 0L}));
        Operand<TInt64> maskShape = tf.concat(List.of(
                tf.slice(tf.shape(x, TInt64.class), tf.constant(new long[] {0L}), tf.constant(new long[] {1L})),
                tf.constant(new long[] {1L, 1L, 1L})), tf.constant(0));
        Operand<TFloat32> uniform = tf.random.statelessRandomUniform(maskShape, edgeSeed, TFloat32.class);
        // floor(keep + U), U in [0, 1): 1 with probability keep, else 0.
        Operand<TFloat32> mask = tf.math.floor(tf.math.add(keepProbability, uniform));
        return tf.math.mul(tf.math.div(x, keepProbability), mask);
    }
}
