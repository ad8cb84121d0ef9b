package org.snas4j.adapter.tensorflow.ops;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Stride-1 depthwise convolutions whose filter gradient is itself a depthwise convolution, for the
 * filter sizes where TensorFlow 1.1.0's CPU kernel {@code DepthwiseConv2dNativeBackpropFilter} is
 * slow: on 5x5 filters it took 2.5-4 times as long as computing the same sum with the batch moved into
 * the channels (BENCHMARKS.md, "The 5x5 depthwise filter gradient"), while on 3x3 filters it is the
 * faster of the two.
 *
 * <p>The filter gradient {@code dW[i, j, c] = sum over n, h, w of x[n, h + i, w + j, c] * dy[n, h, w, c]}
 * is a VALID depthwise convolution of the input laid out as one image with N x C channels by the output
 * gradient laid out as an (H_out x W_out) filter with as many channels, followed by a sum over the batch.
 *
 * <p>How it replaces TensorFlow's gradient without touching the registered one: the convolution reads
 * its filter through {@code StopGradient} (TensorFlow then differentiates only w.r.t. the input), and its
 * output passes through an {@code IdentityN(output, filter)} whose gradient, registered here once per
 * process (IdentityN has none of its own), hands the output gradient on unchanged and returns the filter
 * gradient above for its second input. The gradient function may not query the graph (the gradient
 * builder holds the graph's lock, and shape queries take it), so each hook's static geometry is recorded
 * when it is built, keyed by its graph and op name. IdentityN ops that are not hooks get the identity
 * gradient, which is IdentityN's.
 */
public final class DepthwiseFilterGradient {

    /** The smallest filter size for which the hook pays (measured: 3x3 is faster with TensorFlow's kernel). */
    public static final int MIN_KERNEL = 5;

    private static final String HOOK_OP_TYPE = "IdentityN";
    private static final Map<Graph, Map<String, Geometry>> HOOKS = Collections.synchronizedMap(new WeakHashMap<>());
    private static final boolean REGISTERED = register();

    private DepthwiseFilterGradient() {
    }

    /** Static sizes the gradient needs: filter side, channels, input and output height and width, SAME padding. */
    private record Geometry(int kernel, int channels, int inputHeight, int inputWidth, int outputHeight,
                            int outputWidth, int padBefore, int padAfter) {
    }

    /** Whether {@link #depthwiseConv2d} uses the hook for this filter size (else TensorFlow's own gradient). */
    public static boolean applies(int kernel) {
        return REGISTERED && kernel >= MIN_KERNEL;
    }

    /**
     * {@code DepthwiseConv2dNative(input, filter)} at stride 1 with {@code paddingMode} "SAME" or
     * "VALID"; its filter gradient is computed as described above when {@link #applies} holds for the
     * filter's size, else by TensorFlow. Input spatial sizes and channels must be static.
     */
    public static Operand<TFloat32> depthwiseConv2d(Ops tf, Operand<TFloat32> input, Operand<TFloat32> filter,
                                                    String paddingMode) {
        int kernel = Math.toIntExact(filter.shape().size(0));
        if (!applies(kernel)) {
            return tf.nn.depthwiseConv2dNative(input, filter, List.of(1L, 1L, 1L, 1L), paddingMode);
        }
        Operand<TFloat32> plain = tf.nn.depthwiseConv2dNative(input, tf.stopGradient(filter), List.of(1L, 1L, 1L, 1L),
                paddingMode);
        if (filter.shape().size(0) != filter.shape().size(1) || filter.shape().size(3) != 1) {
            throw new IllegalArgumentException("expected a square depthwise filter [k, k, channels, 1], got " + filter.shape());
        }
        int totalPad = "SAME".equals(paddingMode) ? kernel - 1 : 0;
        Geometry geometry = new Geometry(kernel, Math.toIntExact(filter.shape().size(2)),
                Layers.spatial(input, 1), Layers.spatial(input, 2), Layers.spatial(plain, 1), Layers.spatial(plain, 2),
                totalPad / 2, totalPad - totalPad / 2);
        GraphOperation hook = (GraphOperation) tf.identityN(List.<Operand<?>>of(plain, filter)).op();
        HOOKS.computeIfAbsent((Graph) hook.env(), graph -> new ConcurrentHashMap<>()).put(hook.name(), geometry);
        return hook.output(0);
    }

    private static boolean register() {
        try {
            return TensorFlow.registerCustomGradient(HOOK_OP_TYPE, DepthwiseFilterGradient::gradient);
        } catch (UnsupportedOperationException notOnThisPlatform) {
            return false;
        }
    }

    private static List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> outputGradients) {
        Map<String, Geometry> graphHooks = HOOKS.get((Graph) op.env());
        Geometry geometry = graphHooks == null ? null : graphHooks.get(op.name());
        if (geometry == null) {
            return List.copyOf(outputGradients);
        }
        Output<TFloat32> outputGradient = outputGradients.get(0).expect(TFloat32.class);
        Output<TFloat32> input = ((GraphOperation) op.input(0).op()).input(0).expect(TFloat32.class);
        return List.of(outputGradient, filterGradient(tf, geometry, input, outputGradient));
    }

    private static Operand<TFloat32> filterGradient(Ops tf, Geometry g, Operand<TFloat32> input,
                                                    Operand<TFloat32> outputGradient) {
        Operand<TFloat32> batchAsChannels = tf.reshape(tf.linalg.transpose(input, tf.constant(new int[] {1, 2, 0, 3})),
                tf.constant(new int[] {1, g.inputHeight(), g.inputWidth(), -1}));
        if (g.padBefore() + g.padAfter() > 0) {
            batchAsChannels = tf.pad(batchAsChannels, tf.constant(new int[][] {{0, 0}, {g.padBefore(), g.padAfter()},
                    {g.padBefore(), g.padAfter()}, {0, 0}}), tf.constant(0f));
        }
        Operand<TFloat32> gradientAsFilter = tf.reshape(tf.linalg.transpose(outputGradient, tf.constant(new int[] {1, 2, 0, 3})),
                tf.constant(new int[] {g.outputHeight(), g.outputWidth(), -1, 1}));
        Operand<TFloat32> perImage = tf.nn.depthwiseConv2dNative(batchAsChannels, gradientAsFilter,
                List.of(1L, 1L, 1L, 1L), "VALID");
        Operand<TFloat32> summed = tf.reduceSum(tf.reshape(perImage, tf.constant(new int[] {g.kernel(), g.kernel(), -1, g.channels()})),
                tf.constant(2));
        return tf.reshape(summed, tf.constant(new int[] {g.kernel(), g.kernel(), g.channels(), 1}));
    }
}
