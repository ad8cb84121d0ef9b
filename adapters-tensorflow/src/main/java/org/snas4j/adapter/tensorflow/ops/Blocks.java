package org.snas4j.adapter.tensorflow.ops;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The composite modules of the DARTS/SNAS code ({@code operations.py}), each building its variables
 * directly under the scope it is given. {@code affine} switches the BN scale and offset on (the
 * retraining network) or off (the search supernet). Each starts with a ReLU of its input, taken from
 * the input's {@link FeatureMap} so that modules reading the same input share one.
 */
public final class Blocks {

    private Blocks() {
    }

    /** ReLU, convolution, BN ({@code ReLUConvBN}); the cell preprocessing is its 1x1 form. */
    public static Operand<TFloat32> reluConvBn(NetworkScope scope, FeatureMap x, int inChannels, int outChannels,
                                               int kernel, int stride, int padding, boolean affine) {
        Operand<TFloat32> y = Layers.conv2d(scope, "conv", x.relu(scope), inChannels, outChannels, kernel, stride, padding);
        return Layers.batchNorm(scope, "bn", y, outChannels, affine);
    }

    /**
     * Separable convolution ({@code SepConv}), applied twice: ReLU, depthwise (with the stride),
     * pointwise, BN, then ReLU, depthwise (stride 1), pointwise to {@code outChannels}, BN.
     */
    public static Operand<TFloat32> sepConv(NetworkScope scope, FeatureMap x, int inChannels, int outChannels,
                                            int kernel, int stride, int padding, boolean affine) {
        return sepConv(scope, x, inChannels, outChannels, kernel, stride, padding, affine, null);
    }

    /** As {@link #sepConv(NetworkScope, FeatureMap, int, int, int, int, int, boolean)}, the output scaled per channel by {@code outputScale} (null: not). */
    public static Operand<TFloat32> sepConv(NetworkScope scope, FeatureMap x, int inChannels, int outChannels,
                                            int kernel, int stride, int padding, boolean affine, Operand<TFloat32> outputScale) {
        Operand<TFloat32> y = Layers.separableConv2d(scope, "depthwise1", "pointwise1", x.relu(scope), false, inChannels,
                inChannels, kernel, stride, padding);
        y = Layers.batchNorm(scope, "bn1", y, inChannels, affine);
        y = Layers.separableConv2d(scope, "depthwise2", "pointwise2", y, true, inChannels, outChannels, kernel, 1, padding);
        return Layers.batchNorm(scope, "bn2", y, outChannels, affine, outputScale);
    }

    /** Dilated separable convolution ({@code DilConv}): ReLU, dilated depthwise, pointwise, BN. */
    public static Operand<TFloat32> dilConv(NetworkScope scope, FeatureMap x, int inChannels, int outChannels,
                                            int kernel, int stride, int padding, int dilation, boolean affine) {
        return dilConv(scope, x, inChannels, outChannels, kernel, stride, padding, dilation, affine, null);
    }

    /** As {@link #dilConv(NetworkScope, FeatureMap, int, int, int, int, int, int, boolean)}, the output scaled per channel by {@code outputScale} (null: not). */
    public static Operand<TFloat32> dilConv(NetworkScope scope, FeatureMap x, int inChannels, int outChannels,
                                            int kernel, int stride, int padding, int dilation, boolean affine,
                                            Operand<TFloat32> outputScale) {
        Operand<TFloat32> y = Layers.dilatedSeparableConv2d(scope, "depthwise", "pointwise", x.relu(scope), inChannels,
                outChannels, kernel, dilation, stride, padding);
        return Layers.batchNorm(scope, "bn", y, outChannels, affine, outputScale);
    }

    /**
     * Halves the spatial size without losing every other pixel ({@code FactorizedReduce}): ReLU, two
     * 1x1 stride-2 convolutions to {@code outChannels/2} each, the second on the input shifted by one
     * row and column, channel concatenation, BN.
     */
    public static Operand<TFloat32> factorizedReduce(NetworkScope scope, FeatureMap x, int inChannels,
                                                     int outChannels, boolean affine) {
        return factorizedReduce(scope, x, inChannels, outChannels, affine, null);
    }

    /** As {@link #factorizedReduce(NetworkScope, FeatureMap, int, int, boolean)}, the output scaled per channel by {@code outputScale} (null: not). */
    public static Operand<TFloat32> factorizedReduce(NetworkScope scope, FeatureMap x, int inChannels,
                                                     int outChannels, boolean affine, Operand<TFloat32> outputScale) {
        if (outChannels % 2 != 0) {
            throw new IllegalArgumentException("FactorizedReduce needs an even output channel count, got " + outChannels);
        }
        Ops tf = scope.tf();
        Operand<TFloat32> activated = x.relu(scope);
        Operand<TFloat32> shifted = Layers.shiftByOne(scope, activated);
        Operand<TFloat32> even = Layers.conv2d(scope, "conv1", activated, inChannels, outChannels / 2, 1, 2, 0);
        Operand<TFloat32> odd = Layers.conv2d(scope, "conv2", shifted, inChannels, outChannels / 2, 1, 2, 0);
        Operand<TFloat32> joined = tf.concat(List.of(even, odd), tf.constant(3));
        return Layers.batchNorm(scope, "bn", joined, outChannels, affine, outputScale);
    }
}
