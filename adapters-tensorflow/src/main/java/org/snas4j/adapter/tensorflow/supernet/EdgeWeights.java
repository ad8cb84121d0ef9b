package org.snas4j.adapter.tensorflow.supernet;

import java.util.ArrayList;
import java.util.List;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.Operation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The scalar entries of one fed [14 edges x 8 ops] Z matrix, sliced once per forward pass. */
final class EdgeWeights {

    private final List<List<Operand<TFloat32>>> rows;

    EdgeWeights(Ops tf, Operand<TFloat32> z) {
        // One Unpack (whose gradient is one Pack) instead of 112 strided slices and their gradients.
        List<Output<TFloat32>> scalars = tf.unstack(tf.reshape(z, tf.constant(new int[] {CellTopology.EDGES * Operation.COUNT})),
                (long) CellTopology.EDGES * Operation.COUNT).output();
        rows = new ArrayList<>(CellTopology.EDGES);
        for (int e = 0; e < CellTopology.EDGES; e++) {
            rows.add(List.copyOf(scalars.subList(e * Operation.COUNT, (e + 1) * Operation.COUNT)));
        }
    }

    /** The 8 scalar weights of edge {@code edge}, indexed by operation ordinal. */
    List<Operand<TFloat32>> edge(int edge) {
        return rows.get(edge);
    }
}
