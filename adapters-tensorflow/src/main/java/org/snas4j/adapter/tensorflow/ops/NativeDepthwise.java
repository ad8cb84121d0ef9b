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
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Depthwise convolutions on this project's own CPU kernels ({@code src/main/native/snas4j_depthwise.c}),
 * a TensorFlow op library built with the module when a C compiler is present and loaded here with
 * {@code TensorFlow.loadLibrary}. Its gradient op computes the input and the filter gradient in one pass;
 * against TensorFlow 1.1's kernels it took a third to a fifth of the time on 5x5 filters and about as
 * long on 3x3 ones, alone; in the default supernet a step is 5% shorter (BENCHMARKS.md, "Depthwise
 * convolutions on our own kernels").
 *
 * <p>Used for training passes on the CPU only: inference and exported graphs keep TensorFlow's
 * {@code DepthwiseConv2dNative}, so a SavedModel stays loadable by any TensorFlow, and a GPU graph has no
 * CPU-only op in it. Without the library (a build without a C compiler, another platform) or with
 * {@code -Dsnas4j.depthwise=tensorflow}, {@link #appliesTo} is false and callers build TensorFlow's ops.
 */
public final class NativeDepthwise {

    /** The forward op: {@code (input, filter; stride, padding) -> output}, PyTorch's output geometry. */
    static final String OP_TYPE = "Snas4jDepthwiseConv2d";
    /** Its gradient: {@code (input, filter, output_gradient; stride, padding) -> (input_gradient, filter_gradient)}. */
    static final String GRADIENT_OP_TYPE = "Snas4jDepthwiseConv2dGrad";
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
        if (!loaded()) {
            throw new IllegalStateException("native depthwise kernels unavailable: " + UNAVAILABLE_REASON);
        }
        int kernel = Math.toIntExact(filter.shape().size(0));
        int channels = Math.toIntExact(filter.shape().size(2));
        if (filter.shape().numDimensions() != 4 || filter.shape().size(1) != kernel || filter.shape().size(3) != 1) {
            throw new IllegalArgumentException("expected a square depthwise filter [k, k, channels, 1], got " + filter.shape());
        }
        if (input.shape().size(3) != channels) {
            throw new IllegalArgumentException("input " + input.shape() + " does not have the filter's " + channels + " channels");
        }
        int height = (Layers.spatial(input, 1) + 2 * padding - kernel) / stride + 1;
        int width = (Layers.spatial(input, 2) + 2 * padding - kernel) / stride + 1;
        Operation convolution = tf.scope().opBuilder(OP_TYPE, OP_TYPE)
                .addInput(input.asOutput())
                .addInput(filter.asOutput())
                .setAttr("stride", (long) stride)
                .setAttr("padding", (long) padding)
                .build();
        // The C API gives shape functions no attributes, so the op's output shape is unknown: state it.
        long batch = input.shape().size(0);
        return tf.reshape(convolution.<TFloat32>output(0), tf.constant(new long[] {batch, height, width, channels}));
    }

    private static List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> outputGradients) {
        Operation gradient = tf.scope().opBuilder(GRADIENT_OP_TYPE, GRADIENT_OP_TYPE)
                .addInput(op.input(0))
                .addInput(op.input(1))
                .addInput(outputGradients.get(0))
                .setAttr("stride", op.attributes().getAttrInt("stride"))
                .setAttr("padding", op.attributes().getAttrInt("padding"))
                .build();
        return List.of(gradient.output(0), gradient.output(1));
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
        if (!TensorFlow.registerCustomGradient(OP_TYPE, NativeDepthwise::gradient)) {
            return "its gradient could not be registered";
        }
        return null;
    }
}
