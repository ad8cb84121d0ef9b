package org.snas4j.adapter.tensorflow.ops;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Elementary layers on NHWC float feature maps with PyTorch's semantics (symmetric explicit padding,
 * no conv bias, BN as {@code nn.BatchNorm2d}), built only from ops whose TensorFlow 1.1.0 gradient is
 * correct. Every spatial size must be known statically (the batch size may be unknown).
 */
public final class Layers {

    /** PyTorch's BatchNorm2d epsilon. */
    public static final float BATCH_NORM_EPSILON = 1e-5f;
    /** PyTorch's BatchNorm2d momentum: moving = (1 - m) * moving + m * batch statistic. */
    public static final float BATCH_NORM_MOMENTUM = 0.1f;

    private Layers() {
    }

    public static Operand<TFloat32> relu(NetworkScope scope, Operand<TFloat32> x) {
        return scope.tf().nn.relu(x);
    }

    /**
     * A bias-free convolution ({@code nn.Conv2d(in, out, kernel, stride, padding, bias=False)}).
     * Variable {@code name} has TensorFlow's filter layout [kernel, kernel, in, out].
     */
    public static Operand<TFloat32> conv2d(NetworkScope scope, String name, Operand<TFloat32> x, int inChannels,
                                           int outChannels, int kernel, int stride, int padding) {
        requireChannels(x, inChannels);
        Variable<TFloat32> filter = scope.weight(name, Shape.of(kernel, kernel, inChannels, outChannels),
                WeightInit.pytorchDefault((long) inChannels * kernel * kernel));
        return windowed(scope, x, kernel, stride, padding,
                (input, mode) -> scope.tf().nn.conv2d(input, filter, strides(stride), mode));
    }

    /**
     * A bias-free depthwise convolution ({@code groups = channels}). Variable {@code name} has the
     * layout [kernel, kernel, channels, 1].
     */
    public static Operand<TFloat32> depthwiseConv2d(NetworkScope scope, String name, Operand<TFloat32> x, int channels,
                                                    int kernel, int stride, int padding) {
        requireChannels(x, channels);
        Variable<TFloat32> filter = depthwiseFilter(scope, name, channels, kernel);
        return windowed(scope, x, kernel, stride, padding,
                (input, mode) -> scope.tf().nn.depthwiseConv2dNative(input, filter, strides(stride), mode));
    }

    /**
     * A dilated depthwise convolution with PyTorch's output geometry, built WITHOUT the dilations
     * attribute (TensorFlow 1.1.0 computes its gradient wrongly):
     * <ul>
     * <li>stride == dilation: output o reads padded input rows d*(o + j), so only the phase-0
     *     sub-grid matters: pad, take every d-th row and column, VALID undilated convolution;</li>
     * <li>stride 1: the atrous decomposition SpaceToBatchND (block d, with the padding and whatever
     *     extra rows make the size divisible by d) -> VALID undilated convolution -> BatchToSpaceND
     *     (cropping the extra rows).</li>
     * </ul>
     */
    public static Operand<TFloat32> dilatedDepthwiseConv2d(NetworkScope scope, String name, Operand<TFloat32> x,
                                                           int channels, int kernel, int dilation, int stride,
                                                           int padding) {
        requireChannels(x, channels);
        if (dilation == 1) {
            return depthwiseConv2d(scope, name, x, channels, kernel, stride, padding);
        }
        Ops tf = scope.tf();
        Variable<TFloat32> filter = depthwiseFilter(scope, name, channels, kernel);
        if (stride == dilation) {
            Operand<TFloat32> phaseZero = tf.stridedSlice(pad(scope, x, padding), Indices.all(),
                    Indices.step(dilation), Indices.step(dilation), Indices.all());
            return tf.nn.depthwiseConv2dNative(phaseZero, filter, strides(1), "VALID");
        }
        if (stride != 1) {
            throw new IllegalArgumentException("dilated convolution supports stride 1 or stride = dilation, got stride "
                    + stride + " with dilation " + dilation);
        }
        int height = spatial(x, 1);
        int width = spatial(x, 2);
        int extraRows = Math.floorMod(-(height + 2 * padding), dilation);
        int extraColumns = Math.floorMod(-(width + 2 * padding), dilation);
        Operand<TFloat32> batched = tf.spaceToBatchNd(x, tf.constant(new int[] {dilation, dilation}),
                tf.constant(new int[][] {{padding, padding + extraRows}, {padding, padding + extraColumns}}));
        Operand<TFloat32> convolved = tf.nn.depthwiseConv2dNative(batched, filter, strides(1), "VALID");
        return tf.batchToSpaceNd(convolved, tf.constant(new int[] {dilation, dilation}),
                tf.constant(new int[][] {{0, extraRows}, {0, extraColumns}}));
    }

    /**
     * Batch normalisation as {@code nn.BatchNorm2d(channels, affine)}: in training mode it normalises
     * with the batch statistics (FusedBatchNormV3) and registers the moving-average updates (PyTorch
     * momentum 0.1, unbiased batch variance); in inference mode it uses the moving statistics. Without
     * {@code affine} the scale is 1 and the offset 0, with no variables for them.
     */
    public static Operand<TFloat32> batchNorm(NetworkScope scope, String name, Operand<TFloat32> x, int channels,
                                              boolean affine) {
        requireChannels(x, channels);
        NetworkScope bn = scope.child(name);
        Ops tf = bn.tf();
        Shape perChannel = Shape.of(channels);
        Operand<TFloat32> scale = affine ? bn.weight("gamma", perChannel, WeightInit.constant(1f)) : tf.constant(filled(channels, 1f));
        Operand<TFloat32> offset = affine ? bn.weight("beta", perChannel, WeightInit.constant(0f)) : tf.constant(new float[channels]);
        Variable<TFloat32> movingMean = bn.state("moving_mean", perChannel, WeightInit.constant(0f));
        Variable<TFloat32> movingVariance = bn.state("moving_variance", perChannel, WeightInit.constant(1f));
        if (!bn.isTraining()) {
            return tf.nn.fusedBatchNorm(x, scale, offset, movingMean, movingVariance,
                    FusedBatchNorm.isTraining(false), FusedBatchNorm.epsilon(BATCH_NORM_EPSILON)).y();
        }
        Operand<TFloat32> empty = tf.constant(new float[0]);
        FusedBatchNorm<TFloat32, TFloat32> normalised = tf.nn.fusedBatchNorm(x, scale, offset, empty, empty,
                FusedBatchNorm.isTraining(true), FusedBatchNorm.epsilon(BATCH_NORM_EPSILON));
        Operand<TFloat32> momentum = tf.constant(BATCH_NORM_MOMENTUM);
        // moving += m * (batch - moving); FusedBatchNormV3's batch variance is already the unbiased one.
        bn.addUpdate(tf.assignAdd(movingMean, tf.math.mul(momentum, tf.math.sub(normalised.batchMean(), movingMean))));
        bn.addUpdate(tf.assignAdd(movingVariance, tf.math.mul(momentum, tf.math.sub(normalised.batchVariance(), movingVariance))));
        return normalised.y();
    }

    /**
     * 3x3 max pooling, padding 1 ({@code nn.MaxPool2d(3, stride, 1)}). At stride 2 PyTorch's windows
     * are centred on even positions, while TensorFlow's SAME padding would pad only after: the
     * stride-1 SAME result (padding ignored, as PyTorch's -inf padding) subsampled at even positions
     * is PyTorch's result.
     */
    public static Operand<TFloat32> maxPool3x3(NetworkScope scope, Operand<TFloat32> x, int stride) {
        Ops tf = scope.tf();
        Operand<TFloat32> pooled = tf.nn.maxPool(x, tf.constant(new int[] {1, 3, 3, 1}), tf.constant(new int[] {1, 1, 1, 1}), "SAME");
        return subsample(scope, pooled, stride);
    }

    /**
     * 3x3 average pooling, padding 1, padding excluded from the count
     * ({@code nn.AvgPool2d(3, stride, 1, count_include_pad=False)}): TensorFlow's SAME average pool
     * divides by the number of in-image elements; stride 2 subsamples the stride-1 result as for max.
     */
    public static Operand<TFloat32> avgPool3x3(NetworkScope scope, Operand<TFloat32> x, int stride) {
        Operand<TFloat32> pooled = scope.tf().nn.avgPool(x, List.of(1L, 3L, 3L, 1L), List.of(1L, 1L, 1L, 1L), "SAME");
        return subsample(scope, pooled, stride);
    }

    /** Every {@code stride}-th row and column, starting at 0 ({@code x[:, :, ::s, ::s]}). */
    public static Operand<TFloat32> subsample(NetworkScope scope, Operand<TFloat32> x, int stride) {
        if (stride == 1) {
            return x;
        }
        return scope.tf().stridedSlice(x, Indices.all(), Indices.step(stride), Indices.step(stride), Indices.all());
    }

    /** Zeros shaped like the (subsampled) input: the {@code none} operation. */
    public static Operand<TFloat32> zeros(NetworkScope scope, Operand<TFloat32> x, int stride) {
        return scope.tf().zerosLike(subsample(scope, x, stride));
    }

    /** Zero padding of {@code padding} rows and columns on every side. */
    public static Operand<TFloat32> pad(NetworkScope scope, Operand<TFloat32> x, int padding) {
        Ops tf = scope.tf();
        return tf.pad(x, tf.constant(new int[][] {{0, 0}, {padding, padding}, {padding, padding}, {0, 0}}), tf.constant(0f));
    }

    /** Mean over the spatial axes: [N, H, W, C] -> [N, C]. */
    public static Operand<TFloat32> globalAveragePool(NetworkScope scope, Operand<TFloat32> x) {
        Ops tf = scope.tf();
        return tf.math.mean(x, tf.constant(new int[] {1, 2}));
    }

    /** {@code nn.Linear(in, out)}: variables {@code name/weight} [in, out] and {@code name/bias} [out]. */
    public static Operand<TFloat32> linear(NetworkScope scope, String name, Operand<TFloat32> x, int inputs, int outputs) {
        NetworkScope layer = scope.child(name);
        WeightInit init = WeightInit.pytorchDefault(inputs);
        Variable<TFloat32> weight = layer.weight("weight", Shape.of(inputs, outputs), init);
        Variable<TFloat32> bias = layer.weight("bias", Shape.of(outputs), init);
        Ops tf = layer.tf();
        return tf.nn.biasAdd(tf.linalg.matMul(x, weight), bias);
    }

    /** The sum of one or more same-shaped feature maps. */
    public static Operand<TFloat32> sum(NetworkScope scope, List<Operand<TFloat32>> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("nothing to sum");
        }
        return terms.size() == 1 ? terms.get(0) : scope.tf().math.addN(terms);
    }

    /** Spatial size of axis 1 (height) or 2 (width), which must be known statically. */
    public static int spatial(Operand<TFloat32> x, int axis) {
        long size = x.shape().size(axis);
        if (size <= 0) {
            throw new IllegalArgumentException("spatial axis " + axis + " of " + x.shape() + " must be known when building");
        }
        return Math.toIntExact(size);
    }

    private interface WindowOp {
        Operand<TFloat32> apply(Operand<TFloat32> input, String paddingMode);
    }

    /** Applies a windowed op with PyTorch's symmetric padding: SAME where equal, else explicit Pad + VALID. */
    private static Operand<TFloat32> windowed(NetworkScope scope, Operand<TFloat32> x, int kernel, int stride, int padding,
                                              WindowOp op) {
        if (padding == 0) {
            return op.apply(x, "VALID");
        }
        if (stride == 1 && 2 * padding == kernel - 1) {
            return op.apply(x, "SAME");
        }
        return op.apply(pad(scope, x, padding), "VALID");
    }

    private static Variable<TFloat32> depthwiseFilter(NetworkScope scope, String name, int channels, int kernel) {
        return scope.weight(name, Shape.of(kernel, kernel, channels, 1), WeightInit.pytorchDefault((long) kernel * kernel));
    }

    private static List<Long> strides(int stride) {
        return List.of(1L, (long) stride, (long) stride, 1L);
    }

    private static float[] filled(int size, float value) {
        float[] values = new float[size];
        Arrays.fill(values, value);
        return values;
    }

    private static void requireChannels(Operand<TFloat32> x, int channels) {
        Shape shape = x.shape();
        if (shape.numDimensions() != 4 || shape.size(3) != channels) {
            throw new IllegalArgumentException("expected an NHWC feature map with " + channels + " channels, got " + shape);
        }
    }
}
