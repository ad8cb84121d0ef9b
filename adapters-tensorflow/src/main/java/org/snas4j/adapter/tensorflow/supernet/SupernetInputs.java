package org.snas4j.adapter.tensorflow.supernet;

import java.util.Arrays;
import org.snas4j.adapter.tensorflow.ops.Layers;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The placeholders a supernet pass reads: a batch, the fed Z of both cell kinds, which of their ops a training
 * step computes (all unless fed), and the BN moving-average momentum (0.1 unless fed; re-estimation feeds
 * 1 / (k + 1)).
 */
record SupernetInputs(Placeholder<TFloat32> images, Placeholder<TFloat32> oneHotLabels, Placeholder<TInt32> labels,
                      CellPair<Placeholder<TFloat32>> z, CellPair<Operand<TBool>> computed, Operand<TFloat32> batchNormMomentum) {

    static SupernetInputs create(Ops tf, NetworkShape shape) {
        Shape zShape = Shape.of(EdgeOpMatrix.ROWS, EdgeOpMatrix.COLUMNS);
        return new SupernetInputs(
                tf.withName("images").placeholder(TFloat32.class,
                        Placeholder.shape(Shape.of(-1, shape.inputSize(), shape.inputSize(), shape.inputChannels()))),
                tf.withName("one_hot_labels").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, shape.classes()))),
                tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))),
                new CellPair<>(tf.withName("z_normal").placeholder(TFloat32.class, Placeholder.shape(zShape)),
                        tf.withName("z_reduction").placeholder(TFloat32.class, Placeholder.shape(zShape))),
                new CellPair<>(everyOpComputed(tf, "computed_normal"), everyOpComputed(tf, "computed_reduction")),
                tf.withName("batch_norm_momentum").placeholderWithDefault(tf.constant(Layers.BATCH_NORM_MOMENTUM), Shape.scalar()));
    }

    private static Operand<TBool> everyOpComputed(Ops tf, String name) {
        boolean[][] all = new boolean[EdgeOpMatrix.ROWS][EdgeOpMatrix.COLUMNS];
        for (boolean[] row : all) {
            Arrays.fill(row, true);
        }
        return tf.withName(name).placeholderWithDefault(tf.constant(all), Shape.of(EdgeOpMatrix.ROWS, EdgeOpMatrix.COLUMNS));
    }

    CellPair<Operand<TFloat32>> zOperands() {
        return z.map(p -> p);
    }
}
