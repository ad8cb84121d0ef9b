package org.snas4j.adapter.tensorflow.ops;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
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
        Operand<TFloat32> filter = convolutionFilter(scope, name, inChannels, outChannels, kernel);
        if (kernel == 1 && padding == 0 && stride > 1) {
            // A strided 1x1 convolution reads only every stride-th pixel: subsample, then convolve at stride
            // 1. Same result and gradient, a quarter of the work, and it avoids TensorFlow 1.1.0's oneDNN
            // kernel for strided 1x1 convolutions, which crashes the process (SIGSEGV, or hangs) on AVX-512
            // CPUs for channel counts below 16 (measured on this project's AMD EPYC machines).
            return scope.tf().nn.conv2d(everyNth(scope, x, stride), filter, strides(1), "VALID");
        }
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
        return depthwise(scope, x, depthwiseFilter(scope, name, channels, kernel), stride, padding);
    }

    /**
     * A dilated depthwise convolution with PyTorch's output geometry, without TensorFlow's dilations
     * attribute (see {@link #dilated}).
     */
    public static Operand<TFloat32> dilatedDepthwiseConv2d(NetworkScope scope, String name, Operand<TFloat32> x,
                                                           int channels, int kernel, int dilation, int stride,
                                                           int padding) {
        requireChannels(x, channels);
        if (dilation == 1) {
            return depthwiseConv2d(scope, name, x, channels, kernel, stride, padding);
        }
        Operand<TFloat32> filter = depthwiseFilter(scope, name, channels, kernel);
        return dilated(scope, x, dilation, stride, padding, input -> depthwise(scope, input, filter, 1, 0));
    }

    /**
     * One half of a separable convolution, before its BN: optionally a ReLU ({@code reluInput}), the
     * depthwise convolution {@code depthwiseName} [kernel, kernel, channels, 1], the 1x1 convolution
     * {@code pointwiseName} [1, 1, channels, outChannels]. Training passes on the CPU build it as one op of
     * this project's kernels ({@link NativeDepthwise#separableConv2d}), which keeps neither the ReLU's nor the
     * depthwise convolution's output for the backward pass; otherwise it is the three layers.
     */
    public static Operand<TFloat32> separableConv2d(NetworkScope scope, String depthwiseName, String pointwiseName,
                                                    Operand<TFloat32> x, boolean reluInput, int channels, int outChannels,
                                                    int kernel, int stride, int padding) {
        requireChannels(x, channels);
        if (!fusesSeparable(scope)) {
            Operand<TFloat32> activated = reluInput ? relu(scope, x) : x;
            Operand<TFloat32> depthwise = depthwiseConv2d(scope, depthwiseName, activated, channels, kernel, stride, padding);
            return conv2d(scope, pointwiseName, depthwise, channels, outChannels, 1, 1, 0);
        }
        Operand<TFloat32> depthwise = depthwiseFilter(scope, depthwiseName, channels, kernel);
        Operand<TFloat32> pointwise = pointwiseFilter(scope, pointwiseName, channels, outChannels);
        return NativeDepthwise.separableConv2d(scope.tf(), x, depthwise, pointwise, stride, padding, 1, reluInput);
    }

    /**
     * {@link #dilatedDepthwiseConv2d} followed by the 1x1 convolution {@code pointwiseName}, as
     * {@link #separableConv2d}: at stride 1 the fused op reads the dilated taps itself (no SpaceToBatchND and
     * BatchToSpaceND around it, nor their gradients); at stride = dilation it convolves the phase-zero grid
     * undilated, as {@link #dilated} does. {@code x} is already activated.
     */
    public static Operand<TFloat32> dilatedSeparableConv2d(NetworkScope scope, String depthwiseName, String pointwiseName,
                                                           Operand<TFloat32> x, int channels, int outChannels, int kernel,
                                                           int dilation, int stride, int padding) {
        requireChannels(x, channels);
        if (dilation == 1) {
            return separableConv2d(scope, depthwiseName, pointwiseName, x, false, channels, outChannels, kernel, stride, padding);
        }
        if (!fusesSeparable(scope)) {
            Operand<TFloat32> depthwise = dilatedDepthwiseConv2d(scope, depthwiseName, x, channels, kernel, dilation, stride, padding);
            return conv2d(scope, pointwiseName, depthwise, channels, outChannels, 1, 1, 0);
        }
        Operand<TFloat32> depthwise = depthwiseFilter(scope, depthwiseName, channels, kernel);
        Operand<TFloat32> pointwise = pointwiseFilter(scope, pointwiseName, channels, outChannels);
        if (stride == 1) {
            return NativeDepthwise.separableConv2d(scope.tf(), x, depthwise, pointwise, 1, padding, dilation, false);
        }
        return dilated(scope, x, dilation, stride, padding,
                input -> NativeDepthwise.separableConv2d(scope.tf(), input, depthwise, pointwise, 1, 0, 1, false));
    }

    /** Whether {@link #separableConv2d} builds the fused op: training passes where the native kernels apply. */
    private static boolean fusesSeparable(NetworkScope scope) {
        return scope.mode() == Mode.TRAINING && NativeDepthwise.appliesTo(scope.tf());
    }

    /**
     * A dilated convolution with PyTorch's output geometry, built WITHOUT the dilations attribute
     * (TensorFlow 1.1.0 computes its gradient wrongly) around {@code valid}, the undilated VALID stride-1
     * convolution:
     * <ul>
     * <li>stride == dilation: output o reads padded input rows d*(o + j), so only the phase-0
     *     sub-grid matters: pad, take every d-th row and column ({@link #everyNth}), convolve;</li>
     * <li>stride 1: the atrous decomposition SpaceToBatchND (block d, with the padding and whatever
     *     extra rows make the size divisible by d) -> convolve -> BatchToSpaceND (cropping the extra rows).</li>
     * </ul>
     */
    private static Operand<TFloat32> dilated(NetworkScope scope, Operand<TFloat32> x, int dilation, int stride, int padding,
                                             UnaryOperator<Operand<TFloat32>> valid) {
        Ops tf = scope.tf();
        if (stride == dilation) {
            return valid.apply(everyNth(scope, pad(scope, x, padding), dilation));
        }
        if (stride != 1) {
            throw new IllegalArgumentException("dilated convolution supports stride 1 or stride = dilation, got stride "
                    + stride + " with dilation " + dilation);
        }
        int height = spatial(x, 1);
        int width = spatial(x, 2);
        int extraRows = Math.floorMod(-(height + 2 * padding), dilation);
        int extraColumns = Math.floorMod(-(width + 2 * padding), dilation);
        Operand<TFloat32> batched = scope.shared(List.of("SpaceToBatchND", x.asOutput(), dilation, padding),
                () -> tf.spaceToBatchNd(x, tf.constant(new int[] {dilation, dilation}),
                        tf.constant(new int[][] {{padding, padding + extraRows}, {padding, padding + extraColumns}})));
        return tf.batchToSpaceNd(valid.apply(batched), tf.constant(new int[] {dilation, dilation}),
                tf.constant(new int[][] {{0, extraRows}, {0, extraColumns}}));
    }

    /**
     * Batch normalisation as {@code nn.BatchNorm2d(channels, affine)}: in training mode it normalises
     * with the batch statistics (FusedBatchNormV3) and registers the moving-average updates (PyTorch
     * momentum 0.1, unbiased batch variance); in inference mode it uses the moving statistics, as
     * per-channel arithmetic. Without
     * {@code affine} the scale is 1 and the offset 0, with no variables for them.
     */
    public static Operand<TFloat32> batchNorm(NetworkScope scope, String name, Operand<TFloat32> x, int channels,
                                              boolean affine) {
        return batchNorm(scope, name, x, channels, affine, null);
    }

    /**
     * Batch norm without affine parameters whose output is multiplied by {@code outputScale} (a
     * per-channel vector, or null for none): the scale of the BN itself, so a supernet op's Z weight
     * costs no multiply of its own, nor the gradient of one, nor the kept output that gradient reads.
     */
    public static Operand<TFloat32> batchNorm(NetworkScope scope, String name, Operand<TFloat32> x, int channels,
                                              boolean affine, Operand<TFloat32> outputScale) {
        requireChannels(x, channels);
        if (affine && outputScale != null) {
            throw new IllegalArgumentException("an affine batch norm has a scale of its own");
        }
        NetworkScope bn = scope.child(name);
        Ops tf = bn.tf();
        Shape perChannel = Shape.of(channels);
        Operand<TFloat32> scale = affine ? bn.weight("gamma", perChannel, WeightInit.constant(1f))
                : outputScale != null ? outputScale : tf.constant(filled(channels, 1f));
        Operand<TFloat32> offset = affine ? bn.weight("beta", perChannel, WeightInit.constant(0f)) : tf.constant(new float[channels]);
        Variable<TFloat32> movingMean = bn.state("moving_mean", perChannel, WeightInit.constant(0f));
        Variable<TFloat32> movingVariance = bn.state("moving_variance", perChannel, WeightInit.constant(1f));
        if (!bn.isTraining()) {
            // (x - mean) / sqrt(variance + eps) * scale + offset as one multiply and one add per value, with the
            // per-channel factors computed once. TensorFlow 1.1.0's CPU FusedBatchNormV3 in inference mode took
            // about 8 ms on a [64, 28, 28, 8] map, 20 times its training-mode cost, and made an inference pass of
            // the search supernet slower than a whole training step (BENCHMARKS.md).
            Operand<TFloat32> multiplier = tf.math.mul(scale, tf.math.rsqrt(tf.math.add(movingVariance, tf.constant(BATCH_NORM_EPSILON))));
            Operand<TFloat32> shift = tf.math.sub(offset, tf.math.mul(movingMean, multiplier));
            return tf.math.add(tf.math.mul(x, multiplier), shift);
        }
        Operand<TFloat32> empty = tf.constant(new float[0]);
        FusedBatchNorm<TFloat32, TFloat32> normalised = tf.nn.fusedBatchNorm(x, scale, offset, empty, empty,
                FusedBatchNorm.isTraining(true), FusedBatchNorm.epsilon(BATCH_NORM_EPSILON));
        Operand<TFloat32> momentum = bn.batchNormMomentum().orElseGet(() -> tf.constant(BATCH_NORM_MOMENTUM));
        // moving += m * (batch - moving); FusedBatchNormV3's batch variance is already the unbiased one.
        bn.addUpdate(tf.assignAdd(movingMean, tf.math.mul(momentum, tf.math.sub(normalised.batchMean(), movingMean))));
        bn.addUpdate(tf.assignAdd(movingVariance, tf.math.mul(momentum, tf.math.sub(normalised.batchVariance(), movingVariance))));
        return normalised.y();
    }

    /**
     * 3x3 max pooling, padding 1 ({@code nn.MaxPool2d(3, stride, 1)}). Stride 1 is TensorFlow's SAME
     * pooling (which ignores padding, as PyTorch's -inf padding does). At stride 2 TensorFlow's SAME
     * would pad only after the image and centre the windows on odd positions, so the input is padded
     * by one lowest-float row and column on every side and pooled VALID. The op is MaxPool (V1):
     * TensorFlow 1.1.0's oneDNN build has a fast kernel for it and its gradient, unlike MaxPoolV2.
     */
    public static Operand<TFloat32> maxPool3x3(NetworkScope scope, Operand<TFloat32> x, int stride) {
        return scope.shared(List.of("MaxPool3x3", x.asOutput(), stride), () -> buildMaxPool3x3(scope, x, stride));
    }

    private static Operand<TFloat32> buildMaxPool3x3(NetworkScope scope, Operand<TFloat32> x, int stride) {
        if (stride == 1) {
            return maxPoolV1(scope, x, 1, "SAME");
        }
        return maxPoolV1(scope, pad(scope, x, 1, -Float.MAX_VALUE), stride, "VALID");
    }

    /**
     * 3x3 average pooling, padding 1, padding excluded from the count
     * ({@code nn.AvgPool2d(3, stride, 1, count_include_pad=False)}). Stride 1 is TensorFlow's SAME
     * average pool, which divides by the number of in-image elements. Stride 2 pools the zero-padded
     * input VALID (dividing by 9) and rescales each output by 9 / its in-image count, a constant.
     */
    public static Operand<TFloat32> avgPool3x3(NetworkScope scope, Operand<TFloat32> x, int stride) {
        return scope.shared(List.of("AvgPool3x3", x.asOutput(), stride), () -> buildAvgPool3x3(scope, x, stride));
    }

    private static Operand<TFloat32> buildAvgPool3x3(NetworkScope scope, Operand<TFloat32> x, int stride) {
        Ops tf = scope.tf();
        List<Long> window = List.of(1L, 3L, 3L, 1L);
        if (stride == 1) {
            return tf.nn.avgPool(x, window, strides(1), "SAME");
        }
        Operand<TFloat32> pooled = tf.nn.avgPool(pad(scope, x, 1), window, strides(stride), "VALID");
        int height = spatial(x, 1);
        int width = spatial(x, 2);
        int outHeight = Math.toIntExact(pooled.shape().size(1));
        int outWidth = Math.toIntExact(pooled.shape().size(2));
        float[] rescale = new float[outHeight * outWidth];
        for (int oy = 0; oy < outHeight; oy++) {
            for (int ox = 0; ox < outWidth; ox++) {
                rescale[oy * outWidth + ox] = 9f / (insideCount(oy * stride - 1, height) * insideCount(ox * stride - 1, width));
            }
        }
        return tf.math.mul(pooled, tf.constant(Shape.of(1, outHeight, outWidth, 1), DataBuffers.of(rescale)));
    }

    /** How many of the 3 positions first, first+1, first+2 lie in [0, size). */
    private static int insideCount(int first, int size) {
        return Math.min(first + 3, size) - Math.max(first, 0);
    }

    private static Operand<TFloat32> maxPoolV1(NetworkScope scope, Operand<TFloat32> x, int stride, String padding) {
        return scope.tf().scope().opBuilder("MaxPool", "MaxPool")
                .addInput(x.asOutput())
                .setAttr("ksize", new long[] {1, 3, 3, 1})
                .setAttr("strides", new long[] {1, stride, stride, 1})
                .setAttr("padding", padding)
                .build()
                .output(0);
    }

    /**
     * Rows and columns 0, n, 2n, ... ({@code x[:, ::n, ::n, :]}) by reshape and slice: the gradients
     * of Reshape and Slice are cheap, StridedSliceGrad on the CPU is not.
     */
    public static Operand<TFloat32> everyNth(NetworkScope scope, Operand<TFloat32> x, int n) {
        return scope.shared(List.of("EveryNth", x.asOutput(), n), () -> buildEveryNth(scope, x, n));
    }

    private static Operand<TFloat32> buildEveryNth(NetworkScope scope, Operand<TFloat32> x, int n) {
        if (n == 1) {
            return x;
        }
        Ops tf = scope.tf();
        int height = spatial(x, 1);
        int width = spatial(x, 2);
        int channels = Math.toIntExact(x.shape().size(3));
        int extraRows = Math.floorMod(-height, n);
        int extraColumns = Math.floorMod(-width, n);
        Operand<TFloat32> padded = extraRows == 0 && extraColumns == 0 ? x
                : tf.pad(x, tf.constant(new int[][] {{0, 0}, {0, extraRows}, {0, extraColumns}, {0, 0}}), tf.constant(0f));
        int rows = (height + extraRows) / n;
        int columns = (width + extraColumns) / n;
        Operand<TFloat32> grid = tf.reshape(padded, tf.constant(new int[] {-1, rows, n, columns, n, channels}));
        Operand<TFloat32> phaseZero = tf.slice(grid, tf.constant(new int[] {0, 0, 0, 0, 0, 0}),
                tf.constant(new int[] {-1, rows, 1, columns, 1, channels}));
        return tf.reshape(phaseZero, tf.constant(new int[] {-1, rows, columns, channels}));
    }

    /** Drops the first row and column ({@code x[:, 1:, 1:, :]}) with Slice, whose gradient is a cheap Pad. */
    public static Operand<TFloat32> shiftByOne(NetworkScope scope, Operand<TFloat32> x) {
        return scope.shared(List.of("ShiftByOne", x.asOutput()), () -> buildShiftByOne(scope, x));
    }

    private static Operand<TFloat32> buildShiftByOne(NetworkScope scope, Operand<TFloat32> x) {
        Ops tf = scope.tf();
        return tf.slice(x, tf.constant(new int[] {0, 1, 1, 0}), tf.constant(new int[] {-1, spatial(x, 1) - 1, spatial(x, 2) - 1, -1}));
    }

    /** Zeros shaped like {@code x[:, ::stride, ::stride, :]}: the {@code none} operation. */
    public static Operand<TFloat32> zeros(NetworkScope scope, Operand<TFloat32> x, int stride) {
        return scope.tf().zerosLike(everyNth(scope, x, stride));
    }

    /** Zero padding of {@code padding} rows and columns on every side. */
    public static Operand<TFloat32> pad(NetworkScope scope, Operand<TFloat32> x, int padding) {
        return pad(scope, x, padding, 0f);
    }

    private static Operand<TFloat32> pad(NetworkScope scope, Operand<TFloat32> x, int padding, float value) {
        return scope.shared(List.of("Pad", x.asOutput(), padding, value), () -> buildPad(scope, x, padding, value));
    }

    private static Operand<TFloat32> buildPad(NetworkScope scope, Operand<TFloat32> x, int padding, float value) {
        Ops tf = scope.tf();
        return tf.pad(x, tf.constant(new int[][] {{0, 0}, {padding, padding}, {padding, padding}, {0, 0}}), tf.constant(value));
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
        Operand<TFloat32> weight = layer.weight("weight", Shape.of(inputs, outputs), init);
        Operand<TFloat32> bias = layer.weight("bias", Shape.of(outputs), init);
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

    /**
     * Every depthwise convolution not fused into a separable one ({@link #separableConv2d}), with PyTorch's
     * symmetric padding. Training passes on the CPU run on this project's kernels ({@link NativeDepthwise})
     * where they are built; otherwise stride 1 goes through {@link DepthwiseFilterGradient}. Inference passes
     * (and so exported models) keep TensorFlow's op and, never differentiated, need no gradient hook.
     */
    private static Operand<TFloat32> depthwise(NetworkScope scope, Operand<TFloat32> x, Operand<TFloat32> filter,
                                               int stride, int padding) {
        boolean training = scope.mode() == Mode.TRAINING;
        if (training && NativeDepthwise.appliesTo(scope.tf())) {
            return NativeDepthwise.depthwiseConv2d(scope.tf(), x, filter, stride, padding);
        }
        int kernel = Math.toIntExact(filter.shape().size(0));
        return windowed(scope, x, kernel, stride, padding, (input, paddingMode) -> training && stride == 1
                ? DepthwiseFilterGradient.depthwiseConv2d(scope.tf(), input, filter, paddingMode)
                : scope.tf().nn.depthwiseConv2dNative(input, filter, strides(stride), paddingMode));
    }

    /** The 1x1 convolution's filter as {@link #conv2d} creates it, [1, 1, in, out]. */
    private static Operand<TFloat32> pointwiseFilter(NetworkScope scope, String name, int inChannels, int outChannels) {
        return convolutionFilter(scope, name, inChannels, outChannels, 1);
    }

    private static Operand<TFloat32> convolutionFilter(NetworkScope scope, String name, int inChannels, int outChannels, int kernel) {
        return scope.weight(name, Shape.of(kernel, kernel, inChannels, outChannels),
                WeightInit.pytorchDefault((long) inChannels * kernel * kernel));
    }

    private static Operand<TFloat32> depthwiseFilter(NetworkScope scope, String name, int channels, int kernel) {
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
