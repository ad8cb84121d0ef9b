import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Times one depthwise convolution's kernels in isolation (one thread, as the networks run each op):
 * TensorFlow's filter gradient against the two ways of writing it with other ops, and the input gradient
 * against a forward convolution with the reversed filter. Not part of the build; run from the project root
 * after packaging:
 *
 * <pre>java -cp bootstrap/target/snas4j.jar tools/depthwise-kernels/DepthwiseKernels.java N SIZE CHANNELS KERNEL [REPS]</pre>
 *
 * e.g. {@code 64 28 8 5}: batch 64, 28x28 maps of 8 channels, 5x5 filter, stride 1, SAME padding. Prints
 * the largest relative difference of each alternative from TensorFlow's result, then ms per run, twice.
 */
public class DepthwiseKernels {

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]), size = Integer.parseInt(args[1]), c = Integer.parseInt(args[2]);
        int k = Integer.parseInt(args[3]);
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        int p = k / 2;
        int padded = size + 2 * p;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Random random = new Random(1);
            TFloat32 xValue = randomTensor(random, Shape.of(n, size, size, c));
            TFloat32 dyValue = randomTensor(random, Shape.of(n, size, size, c));
            TFloat32 wValue = randomTensor(random, Shape.of(k, k, c, 1));
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> dy = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> w = tf.placeholder(TFloat32.class);
            List<Long> one = List.of(1L, 1L, 1L, 1L);
            Operand<TFloat32> xPadded = tf.pad(x, tf.constant(new int[][] {{0, 0}, {p, p}, {p, p}, {0, 0}}), tf.constant(0f));

            Map<String, Operand<TFloat32>> filterGradients = new LinkedHashMap<>();
            filterGradients.put("filter gradient, TensorFlow", tf.nn.depthwiseConv2dNativeBackpropFilter(xPadded,
                    tf.constant(new int[] {k, k, c, 1}), dy, one, "VALID"));
            // The input with the batch in its channels, convolved by the output gradient as a filter.
            Operand<TFloat32> batchAsChannels = tf.reshape(tf.linalg.transpose(xPadded, tf.constant(new int[] {1, 2, 0, 3})),
                    tf.constant(new int[] {1, padded, padded, -1}));
            Operand<TFloat32> gradientAsFilter = tf.reshape(tf.linalg.transpose(dy, tf.constant(new int[] {1, 2, 0, 3})),
                    tf.constant(new int[] {size, size, -1, 1}));
            Operand<TFloat32> perImage = tf.nn.depthwiseConv2dNative(batchAsChannels, gradientAsFilter, one, "VALID");
            filterGradients.put("filter gradient, depthwise conv", tf.reshape(tf.reduceSum(
                    tf.reshape(perImage, tf.constant(new int[] {k, k, n, c})), tf.constant(2)), tf.constant(new int[] {k, k, c, 1})));
            // One multiply and one sum per filter tap.
            List<Operand<TFloat32>> taps = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    Operand<TFloat32> window = tf.slice(xPadded, tf.constant(new int[] {0, i, j, 0}), tf.constant(new int[] {n, size, size, c}));
                    taps.add(tf.reduceSum(tf.math.mul(window, dy), tf.constant(new int[] {0, 1, 2})));
                }
            }
            filterGradients.put("filter gradient, per tap", tf.reshape(tf.stack(taps), tf.constant(new int[] {k, k, c, 1})));

            Map<String, Operand<TFloat32>> inputGradients = new LinkedHashMap<>();
            inputGradients.put("input gradient, TensorFlow", tf.nn.depthwiseConv2dNativeBackpropInput(
                    tf.constant(new int[] {n, size, size, c}), w, dy, one, "SAME"));
            inputGradients.put("input gradient, reversed filter", tf.nn.depthwiseConv2dNative(dy,
                    tf.reverse(w, tf.constant(new int[] {0, 1})), one, "SAME"));

            ConfigProto oneThread = ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1).build();
            try (Session session = new Session(g, oneThread)) {
                Map<Placeholder<TFloat32>, TFloat32> feeds = Map.of(x, xValue, dy, dyValue, w, wValue);
                compare(session, feeds, filterGradients);
                compare(session, feeds, inputGradients);
                Map<String, Operand<TFloat32>> all = new LinkedHashMap<>(filterGradients);
                all.putAll(inputGradients);
                all.put("forward", tf.nn.depthwiseConv2dNative(x, w, one, "SAME"));
                for (int round = 0; round < 2; round++) {
                    for (Map.Entry<String, Operand<TFloat32>> e : all.entrySet()) {
                        for (int i = 0; i < 3; i++) {
                            run(session, feeds, e.getValue()).close();
                        }
                        long start = System.nanoTime();
                        for (int i = 0; i < reps; i++) {
                            run(session, feeds, e.getValue()).close();
                        }
                        System.out.printf("n=%d size=%d c=%d k=%d  %-34s %7.3f ms%n", n, size, c, k, e.getKey(),
                                (System.nanoTime() - start) / 1e6 / reps);
                    }
                }
            }
        }
    }

    /** Largest difference of each alternative from the first entry, relative to the first's largest magnitude. */
    private static void compare(Session session, Map<Placeholder<TFloat32>, TFloat32> feeds, Map<String, Operand<TFloat32>> ops) {
        float[] reference = null;
        for (Map.Entry<String, Operand<TFloat32>> e : ops.entrySet()) {
            float[] values;
            try (Result r = run(session, feeds, e.getValue())) {
                TFloat32 t = (TFloat32) r.get(0);
                values = new float[(int) t.shape().size()];
                t.copyTo(DataBuffers.of(values, false, false));
            }
            if (reference == null) {
                reference = values;
            } else if (values.length == reference.length) {
                double scale = 0, difference = 0;
                for (int i = 0; i < values.length; i++) {
                    scale = Math.max(scale, Math.abs(reference[i]));
                    difference = Math.max(difference, Math.abs(values[i] - reference[i]));
                }
                System.out.printf("%-34s differs by at most %.1e of the largest value%n", e.getKey(), difference / scale);
            }
        }
    }

    private static Result run(Session session, Map<Placeholder<TFloat32>, TFloat32> feeds, Operand<TFloat32> fetch) {
        Session.Runner runner = session.runner();
        feeds.forEach(runner::feed);
        return runner.fetch(fetch).run();
    }

    private static TFloat32 randomTensor(Random random, Shape shape) {
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return TFloat32.tensorOf(shape, DataBuffers.of(values));
    }
}
