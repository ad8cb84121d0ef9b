import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.snas4j.adapter.tensorflow.ops.NativeDepthwise;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Times this project's depthwise kernels (NativeDepthwise, the op library built from
 * adapters-tensorflow/src/main/native) against TensorFlow's on one thread, as the networks run each op, after
 * checking that both compute the same. Not part of the build; run from the project root after packaging:
 *
 * <pre>java -cp bootstrap/target/snas4j.jar tools/depthwise-kernels/NativeKernels.java N SIZE CHANNELS KERNEL STRIDE [REPS]</pre>
 *
 * e.g. {@code 64 28 8 5 1}: batch 64, 28x28 maps of 8 channels, 5x5 filter, stride 1, padding k / 2. "dx+dw" is
 * both gradients: TensorFlow's two ops in one run, against the one op that computes both.
 */
public class NativeKernels {
    public static void main(String[] args) {
        if (!NativeDepthwise.loaded()) {
            throw new IllegalStateException("snas4j's kernels are not loaded: " + NativeDepthwise.unavailableReason());
        }
        int n = Integer.parseInt(args[0]), size = Integer.parseInt(args[1]), c = Integer.parseInt(args[2]), k = Integer.parseInt(args[3]);
        int stride = Integer.parseInt(args[4]);
        int reps = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        int p = k / 2;
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Random random = new Random(1);
            int out = (size + 2 * p - k) / stride + 1;
            TFloat32 xValue = randomTensor(random, Shape.of(n, size, size, c));
            TFloat32 dyValue = randomTensor(random, Shape.of(n, out, out, c));
            TFloat32 wValue = randomTensor(random, Shape.of(k, k, c, 1));
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> dy = tf.placeholder(TFloat32.class);
            Placeholder<TFloat32> w = tf.placeholder(TFloat32.class);
            List<Long> st = List.of(1L, (long) stride, (long) stride, 1L);
            Operand<TFloat32> xPadded = tf.pad(x, tf.constant(new int[][] {{0, 0}, {p, p}, {p, p}, {0, 0}}), tf.constant(0f));
            Operand<TFloat32> tfFwd = tf.nn.depthwiseConv2dNative(xPadded, w, st, "VALID");
            Operand<TFloat32> tfDw = tf.nn.depthwiseConv2dNativeBackpropFilter(xPadded, tf.constant(new int[] {k, k, c, 1}), dy, st, "VALID");
            Operand<TFloat32> tfDxPadded = tf.nn.depthwiseConv2dNativeBackpropInput(tf.constant(new int[] {n, size + 2 * p, size + 2 * p, c}), w, dy, st, "VALID");
            Operand<TFloat32> tfDx = tf.slice(tfDxPadded, tf.constant(new int[] {0, p, p, 0}), tf.constant(new int[] {n, size, size, c}));
            GraphOperation fwd = (GraphOperation) tf.scope().opBuilder("Snas4jDepthwiseConv2d", "fwd").addInput(x.asOutput()).addInput(w.asOutput())
                .setAttr("stride", (long) stride).setAttr("padding", (long) p).build();
            GraphOperation bwd = (GraphOperation) tf.scope().opBuilder("Snas4jDepthwiseConv2dGrad", "bwd").addInput(x.asOutput()).addInput(w.asOutput()).addInput(dy.asOutput())
                .setAttr("stride", (long) stride).setAttr("padding", (long) p).build();
            ConfigProto oneThread = ConfigProto.newBuilder().setIntraOpParallelismThreads(1).setInterOpParallelismThreads(1).build();
            try (Session s = new Session(g, oneThread)) {
                Map<Placeholder<TFloat32>, TFloat32> feeds = Map.of(x, xValue, dy, dyValue, w, wValue);
                diff(s, feeds, tfFwd.asOutput(), fwd.output(0), "forward");
                diff(s, feeds, tfDx.asOutput(), bwd.output(0), "input grad");
                diff(s, feeds, tfDw.asOutput(), bwd.output(1), "filter grad");
                Map<String, List<Output<?>>> all = new LinkedHashMap<>();
                all.put("TensorFlow forward", List.of(tfFwd.asOutput()));
                all.put("snas4j forward", List.of(fwd.output(0)));
                all.put("TensorFlow dx+dw", List.of(tfDxPadded.asOutput(), tfDw.asOutput()));
                all.put("snas4j dx+dw", List.of(bwd.output(0), bwd.output(1)));
                for (int round = 0; round < 2; round++) for (var e : all.entrySet()) {
                    for (int i = 0; i < 3; i++) run(s, feeds, e.getValue()).close();
                    long t0 = System.nanoTime();
                    for (int i = 0; i < reps; i++) run(s, feeds, e.getValue()).close();
                    System.out.printf("n=%d size=%d c=%d k=%d s=%d %-20s %7.3f ms%n", n, size, c, k, stride, e.getKey(), (System.nanoTime() - t0) / 1e6 / reps);
                }
            }
        }
    }
    static void diff(Session s, Map<Placeholder<TFloat32>, TFloat32> feeds, Output<?> a, Output<?> b, String what) {
        try (Result r = run(s, feeds, List.of(a, b))) {
            float[] x = values((TFloat32) r.get(0)), y = values((TFloat32) r.get(1));
            double scale = 0, d = 0;
            for (int i = 0; i < x.length; i++) { scale = Math.max(scale, Math.abs(x[i])); d = Math.max(d, Math.abs(x[i] - y[i])); }
            System.out.printf("%s: %d vs %d values, max diff %.2e of %.2e%n", what, x.length, y.length, d, scale);
        }
    }
    static float[] values(TFloat32 t) { float[] v = new float[(int) t.shape().size()]; t.copyTo(DataBuffers.of(v, false, false)); return v; }
    static Result run(Session s, Map<Placeholder<TFloat32>, TFloat32> feeds, List<Output<?>> fetch) {
        Session.Runner r = s.runner(); feeds.forEach(r::feed); fetch.forEach(r::fetch); return r.run();
    }
    static TFloat32 randomTensor(Random random, Shape shape) {
        float[] v = new float[(int) shape.size()]; for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
        return TFloat32.tensorOf(shape, DataBuffers.of(v));
    }
}
