package org.snas4j.adapter.tensorflow.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Depthwise and separable convolutions on this project's own CPU kernels
 * ({@code src/main/native/snas4j_depthwise.c}), a TensorFlow op library built with the module when a C
 * compiler is present and loaded here with {@code TensorFlow.loadLibrary}. The networks use the separable op:
 * one half of a separable convolution ([ReLU,] depthwise, 1x1) as one op whose gradient recomputes the
 * depthwise output per image instead of keeping it, which took a quarter off the default supernet's peak
 * memory at the same step time (BENCHMARKS.md, "Separable convolutions as one op"); dilated ones read their
 * taps directly, without TensorFlow's SpaceToBatchND around them. The depthwise op alone runs on the same
 * kernels.
 *
 * <p>Used for training passes on the CPU only: inference and exported graphs keep TensorFlow's
 * {@code DepthwiseConv2dNative} and {@code Conv2D}, so a SavedModel stays loadable by any TensorFlow, and a GPU
 * graph has no CPU-only op in it. Without the library (a build without a C compiler, another platform) or
 * with {@code -Dsnas4j.depthwise=tensorflow}, {@link #appliesTo} is false and callers build TensorFlow's ops.
 */
public final class NativeDepthwise {

    /** The depthwise op: {@code (input, filter; stride, padding) -> output}, PyTorch's output geometry. */
    static final String OP_TYPE = "Snas4jDepthwiseConv2d";
    /** Its gradient: {@code (input, filter, output_gradient; stride, padding) -> (input_gradient, filter_gradient)}. */
    static final String GRADIENT_OP_TYPE = "Snas4jDepthwiseConv2dGrad";
    /**
     * The separable convolution's half: {@code (input, depthwise_filter, pointwise_filter; stride, padding,
     * relu_input, dilation) -> output}, [ReLU,] depthwise convolution, 1x1 convolution, with no tensor in between.
     */
    static final String SEPARABLE_OP_TYPE = "Snas4jSeparableConv2d";
    /** Its gradient: {@code (input, depthwise_filter, pointwise_filter, output_gradient; ...) -> three gradients}. */
    static final String SEPARABLE_GRADIENT_OP_TYPE = "Snas4jSeparableConv2dGrad";
    /** System property that turns the kernels off ({@value}=tensorflow), e.g. to compare both in a benchmark. */
    public static final String SWITCH_PROPERTY = "snas4j.depthwise";

    private static final Logger LOG = LoggerFactory.getLogger(NativeDepthwise.class);
    private static final String LIBRARY = "native/linux-x86_64/libsnas4j_depthwise.so";
    private static final String UNAVAILABLE_REASON;

    static {
        String reason;
        try {
            reason = load();
        } catch (RuntimeException | LinkageError e) {
            reason = "loading it failed: " + e;
        }
        UNAVAILABLE_REASON = reason;
        if (reason != null) {
            LOG.debug("depthwise convolutions on TensorFlow's kernels: {}", reason);
        }
    }

    private NativeDepthwise() {
    }

    /** Whether the library is loaded and its gradient registered (regardless of the switch property). */
    public static boolean loaded() {
        return UNAVAILABLE_REASON == null;
    }

    /** Why {@link #loaded()} is false, or empty. */
    public static String unavailableReason() {
        return UNAVAILABLE_REASON == null ? "" : UNAVAILABLE_REASON;
    }

    /** Whether training passes placed on the CPU use these kernels: loaded and not switched off. */
    public static boolean enabled() {
        return loaded() && !"tensorflow".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY, ""));
    }

    /** Whether training passes built with {@code tf} use these kernels: {@link #enabled()} and not placed on a GPU. */
    public static boolean appliesTo(Ops tf) {
        return enabled() && !tf.scope().getDeviceString().toUpperCase(Locale.ROOT).contains("GPU");
    }

    /**
     * A depthwise convolution of the NHWC {@code input} by {@code filter} [k, k, C, 1] with symmetric zero
     * {@code padding} and {@code stride}, as {@code nn.Conv2d(C, C, k, stride, padding, groups=C)}. Height,
     * width and channels of the input must be static; the result has the static shape
     * [N, (H + 2p - k) / s + 1, (W + 2p - k) / s + 1, C], N as the input's (known or not).
     */
    public static Operand<TFloat32> depthwiseConv2d(Ops tf, Operand<TFloat32> input, Operand<TFloat32> filter,
                                                    int stride, int padding) {
        int channels = requireDepthwise(input, filter);
        Operation convolution = tf.scope().opBuilder(OP_TYPE, OP_TYPE)
                .addInput(input.asOutput())
                .addInput(filter.asOutput())
                .setAttr("stride", (long) stride)
                .setAttr("padding", (long) padding)
                .build();
        return withStaticShape(tf, convolution, input, Math.toIntExact(filter.shape().size(0)), stride, padding, channels);
    }

    /**
     * Half of a separable convolution before its BN: {@code reluInput ? ReLU(input) : input}, depthwise
     * convolution by {@code depthwiseFilter} [k, k, C, 1] as {@link #depthwiseConv2d} (with taps {@code dilation}
     * pixels apart, which needs stride 1), then the 1x1 convolution by {@code pointwiseFilter} [1, 1, C, O], in one
     * op. Neither the ReLU's nor the depthwise convolution's output is a tensor: the gradient op recomputes them
     * per image, so the backward pass keeps only the input.
     */
    public static Operand<TFloat32> separableConv2d(Ops tf, Operand<TFloat32> input, Operand<TFloat32> depthwiseFilter,
                                                    Operand<TFloat32> pointwiseFilter, int stride, int padding,
                                                    int dilation, boolean reluInput) {
        int channels = requireDepthwise(input, depthwiseFilter);
        Shape pointwise = pointwiseFilter.shape();
        if (pointwise.numDimensions() != 4 || pointwise.size(0) != 1 || pointwise.size(1) != 1 || pointwise.size(2) != channels) {
            throw new IllegalArgumentException("expected a pointwise filter [1, 1, " + channels + ", out], got " + pointwise);
        }
        if (dilation < 1 || (dilation > 1 && stride != 1)) {
            throw new IllegalArgumentException("dilation must be at least 1, and a dilated convolution's stride 1; got dilation "
                    + dilation + " with stride " + stride);
        }
        Operation convolution = tf.scope().opBuilder(SEPARABLE_OP_TYPE, SEPARABLE_OP_TYPE)
                .addInput(input.asOutput())
                .addInput(depthwiseFilter.asOutput())
                .addInput(pointwiseFilter.asOutput())
                .setAttr("stride", (long) stride)
                .setAttr("padding", (long) padding)
                .setAttr("relu_input", reluInput ? 1L : 0L)
                .setAttr("dilation", (long) dilation)
                .build();
        int extent = dilation * (Math.toIntExact(depthwiseFilter.shape().size(0)) - 1) + 1;
        return withStaticShape(tf, convolution, input, extent, stride, padding, Math.toIntExact(pointwise.size(3)));
    }

    /** Checks the library and a square depthwise filter [k, k, C, 1] for the input's C; returns C. */
    private static int requireDepthwise(Operand<TFloat32> input, Operand<TFloat32> filter) {
        if (!loaded()) {
            throw new IllegalStateException("native depthwise kernels unavailable: " + UNAVAILABLE_REASON);
        }
        Shape shape = filter.shape();
        if (shape.numDimensions() != 4 || shape.size(1) != shape.size(0) || shape.size(3) != 1) {
            throw new IllegalArgumentException("expected a square depthwise filter [k, k, channels, 1], got " + shape);
        }
        int channels = Math.toIntExact(shape.size(2));
        if (input.shape().size(3) != channels) {
            throw new IllegalArgumentException("input " + input.shape() + " does not have the filter's " + channels + " channels");
        }
        return channels;
    }

    /** The op's output with the static shape [N, (H + 2p - extent) / s + 1, (W + 2p - extent) / s + 1, channels]. */
    private static Operand<TFloat32> withStaticShape(Ops tf, Operation op, Operand<TFloat32> input, int extent,
                                                     int stride, int padding, int channels) {
        int height = (Layers.spatial(input, 1) + 2 * padding - extent) / stride + 1;
        int width = (Layers.spatial(input, 2) + 2 * padding - extent) / stride + 1;
        // The C API gives shape functions no attributes, so the op's output shape is unknown: state it.
        long batch = input.shape().size(0);
        return tf.reshape(op.<TFloat32>output(0), tf.constant(new long[] {batch, height, width, channels}));
    }

    private static List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> outputGradients) {
        Operation gradient = gradientOp(tf, GRADIENT_OP_TYPE, op, 2, outputGradients).build();
        return List.of(gradient.output(0), gradient.output(1));
    }

    private static List<Operand<?>> separableGradient(Ops tf, GraphOperation op, List<Output<?>> outputGradients) {
        Operation gradient = gradientOp(tf, SEPARABLE_GRADIENT_OP_TYPE, op, 3, outputGradients)
                .setAttr("relu_input", op.attributes().getAttrInt("relu_input"))
                .setAttr("dilation", op.attributes().getAttrInt("dilation"))
                .build();
        return List.of(gradient.output(0), gradient.output(1), gradient.output(2));
    }

    /** The gradient op of {@code op}: its {@code inputs} inputs, the output gradient, its stride and padding. */
    private static OperationBuilder gradientOp(Ops tf, String type, GraphOperation op, int inputs, List<Output<?>> outputGradients) {
        OperationBuilder gradient = tf.scope().opBuilder(type, type);
        for (int i = 0; i < inputs; i++) {
            gradient.addInput(op.input(i));
        }
        return gradient.addInput(outputGradients.get(0))
                .setAttr("stride", op.attributes().getAttrInt("stride"))
                .setAttr("padding", op.attributes().getAttrInt("padding"));
    }

    /** Loads the library and registers the gradient; returns null on success, else why not. */
    private static String load() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "built for linux-x86_64 only, this is " + os + "/" + arch;
        }
        Path copy;
        try (InputStream library = NativeDepthwise.class.getResourceAsStream(LIBRARY)) {
            if (library == null) {
                return "the library was not built (no C compiler when this jar was built)";
            }
            copy = Files.createTempFile("snas4j-depthwise", ".so");
            Files.copy(library, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return "could not copy it out of the jar: " + e.getMessage();
        }
        try {
            TensorFlow.loadLibrary(copy.toString());
        } finally {
            try {
                Files.deleteIfExists(copy); // the loaded library stays mapped; nothing is left behind
            } catch (IOException ignored) {
                copy.toFile().deleteOnExit();
            }
        }
        if (!TensorFlow.registerCustomGradient(OP_TYPE, NativeDepthwise::gradient)
                || !TensorFlow.registerCustomGradient(SEPARABLE_OP_TYPE, NativeDepthwise::separableGradient)) {
            return "its gradient could not be registered";
        }
        return null;
    }
}
