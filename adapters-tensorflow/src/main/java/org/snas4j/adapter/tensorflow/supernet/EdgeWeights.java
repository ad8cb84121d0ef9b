package org.snas4j.adapter.tensorflow.supernet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.Operation;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * The entries of one fed [14 edges x 8 ops] Z matrix, sliced once per forward pass: as scalars, and
 * repeated over a cell's channels (the scale of the BN that ends an op, see
 * {@link org.snas4j.adapter.tensorflow.ops.CandidateOps#buildWeighted}), once per channel count.
 */
final class EdgeWeights {

    private final Ops tf;
    private final Operand<TFloat32> flat;
    private final List<List<Operand<TFloat32>>> rows;
    private final Map<Integer, List<List<Operand<TFloat32>>>> perChannelRows = new HashMap<>();

    /** Per edge, whether each op is computed ({@link MixedEdge}); null: every op always. */
    private final List<List<Operand<TBool>>> computedRows;

    EdgeWeights(Ops tf, Operand<TFloat32> z) {
        this(tf, z, null);
    }

    /** As {@link #EdgeWeights(Ops, Operand)}, with the fed [14 x 8] matrix saying which ops a pass computes (null: all). */
    EdgeWeights(Ops tf, Operand<TFloat32> z, Operand<TBool> computed) {
        this.tf = tf;
        computedRows = computed == null ? null
                : byEdge(tf.unstack(tf.reshape(computed, tf.constant(new int[] {CellTopology.EDGES * Operation.COUNT})),
                        (long) CellTopology.EDGES * Operation.COUNT).output());
        // One Unpack (whose gradient is one Pack) instead of 112 strided slices and their gradients.
        flat = tf.reshape(z, tf.constant(new int[] {CellTopology.EDGES * Operation.COUNT}));
        rows = byEdge(tf.unstack(flat, (long) CellTopology.EDGES * Operation.COUNT).output());
    }

    /** The 8 scalar weights of edge {@code edge}, indexed by operation ordinal. */
    List<Operand<TFloat32>> edge(int edge) {
        return rows.get(edge);
    }

    /** Whether each of the 8 ops of edge {@code edge} is computed, by ordinal; null when every op always is. */
    List<Operand<TBool>> computed(int edge) {
        return computedRows == null ? null : computedRows.get(edge);
    }

    /** The 8 weights of edge {@code edge}, each repeated over {@code channels} channels, indexed by operation ordinal. */
    List<Operand<TFloat32>> edge(int edge, int channels) {
        return perChannelRows.computeIfAbsent(channels, c -> byEdge(repeatedOverChannels(tf, flat, CellTopology.EDGES * Operation.COUNT, c)))
                .get(edge);
    }

    /** Each of the {@code count} entries of the vector {@code flat} as a [channels] vector: one multiply and one Unpack. */
    static List<Operand<TFloat32>> repeatedOverChannels(Ops tf, Operand<TFloat32> flat, int count, int channels) {
        float[][] ones = new float[1][channels];
        Arrays.fill(ones[0], 1f);
        Operand<TFloat32> column = tf.reshape(flat, tf.constant(new int[] {count, 1}));
        return new ArrayList<>(tf.unstack(tf.math.mul(column, tf.constant(ones)), (long) count).output());
    }

    private static <T extends TType> List<List<Operand<T>>> byEdge(List<? extends Operand<T>> entries) {
        List<List<Operand<T>>> byEdge = new ArrayList<>(CellTopology.EDGES);
        for (int e = 0; e < CellTopology.EDGES; e++) {
            byEdge.add(List.copyOf(entries.subList(e * Operation.COUNT, (e + 1) * Operation.COUNT)));
        }
        return byEdge;
    }
}
