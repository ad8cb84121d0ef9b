package org.snas4j.adapter.tensorflow.child;

import java.util.List;
import org.snas4j.adapter.tensorflow.ops.Layers;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.domain.genotype.NetworkParameterCount;
import org.snas4j.domain.space.NetworkKind;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * DARTS' {@code AuxiliaryHeadCIFAR}, built on the output of cell 2*layers/3 during training only:
 * ReLU, 5x5 average pooling with stride 3 and no padding, Conv1x1 to 128 channels, BN, ReLU, a
 * p x p convolution to 768 channels that reduces the pooled map to 1x1 (p = (s - 5)/3 + 1: 2 for
 * 32x32 inputs as in DARTS, 1 for 28x28), BN, ReLU, Linear to the classes. BN is affine.
 * {@code AuxiliaryHeadImageNet} is the same with stride 2 pooling (p = 2 on the 7x7 map of a
 * 224x224 input) and keeps the BN(768) as the SNAS code does.
 */
final class AuxiliaryHead {

    static final int POOL = 5;
    static final int HIDDEN = 128;
    static final int FEATURES = 768;

    private AuxiliaryHead() {
    }

    static Operand<TFloat32> build(NetworkScope scope, Operand<TFloat32> x, int channels, int classes, NetworkKind kind) {
        int size = Layers.spatial(x, 1);
        if (size < POOL || Layers.spatial(x, 2) != size) {
            throw new IllegalArgumentException("the auxiliary head needs square features of at least " + POOL + "x" + POOL
                    + ", got " + x.shape());
        }
        int stride = NetworkParameterCount.auxiliaryPoolStride(kind);
        int pooled = (size - POOL) / stride + 1;
        Ops tf = scope.tf();
        // VALID windows lie wholly inside the map, so dividing by 25 matches count_include_pad=False.
        Operand<TFloat32> y = tf.nn.avgPool(Layers.relu(scope, x), List.of(1L, (long) POOL, (long) POOL, 1L),
                List.of(1L, (long) stride, (long) stride, 1L), "VALID");
        y = Layers.conv2d(scope, "conv1", y, channels, HIDDEN, 1, 1, 0);
        y = Layers.relu(scope, Layers.batchNorm(scope, "bn1", y, HIDDEN, true));
        y = Layers.conv2d(scope, "conv2", y, HIDDEN, FEATURES, pooled, 1, 0);
        y = Layers.relu(scope, Layers.batchNorm(scope, "bn2", y, FEATURES, true));
        Operand<TFloat32> flat = tf.reshape(y, tf.constant(new int[] {-1, FEATURES}));
        return Layers.linear(scope, "classifier", flat, FEATURES, classes);
    }
}
