package org.snas4j.adapter.tensorflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.application.port.out.bench.DenseMatmulProbe;
import org.snas4j.application.port.out.bench.ExecutionOptions;
import org.snas4j.application.port.out.bench.MatmulRate;
import org.snas4j.application.port.out.device.Device;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's MatMul on the session settings a network gets for the same device and threads: one
 * chain of {@value #CHAIN} products per op-level thread, all chains in one session run, so every
 * thread multiplies as the network's ops would. The matrices are fed (constant inputs would let the
 * graph optimiser fold the products away) and scaled to keep the chain's values near 1.
 */
public final class TensorFlowMatmulProbe implements DenseMatmulProbe {

    static final int CHAIN = 8;

    @Override
    public MatmulRate measure(int size, Device device, int threads, ExecutionOptions options, double seconds) {
        Objects.requireNonNull(options, "options");
        if (size <= 0 || !(seconds > 0)) {
            throw new IllegalArgumentException("matmul size and time must be positive, got " + size + " and " + seconds);
        }
        SessionSettings settings = TensorFlowBenchmarkNetworks.settings(device, threads, options);
        int chains = settings.interOpThreads();
        try (Graph graph = new Graph();
             TFloat32 input = randomMatrix(size, 1);
             TFloat32 weight = randomMatrix(size, 2)) {
            Ops tf = Ops.create(graph).withDevice(settings.placement());
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(size, size)));
            Placeholder<TFloat32> w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(size, size)));
            List<Operand<TFloat32>> sums = new ArrayList<>(chains);
            for (int chain = 0; chain < chains; chain++) {
                Operand<TFloat32> y = x;
                for (int k = 0; k < CHAIN; k++) {
                    y = tf.linalg.matMul(y, w);
                }
                sums.add(tf.sum(y, tf.constant(new int[] {0, 1})));
            }
            try (Session session = new Session(graph, settings.toConfigProto())) {
                run(session, x, w, input, weight, sums);
                long runs = 0;
                long start = System.nanoTime();
                long elapsed;
                do {
                    run(session, x, w, input, weight, sums);
                    runs++;
                    elapsed = System.nanoTime() - start;
                } while (elapsed < seconds * 1e9);
                return new MatmulRate(size, chains, runs * chains * CHAIN, elapsed / 1e9);
            }
        }
    }

    private static void run(Session session, Placeholder<TFloat32> x, Placeholder<TFloat32> w, TFloat32 input, TFloat32 weight,
                            List<Operand<TFloat32>> sums) {
        Session.Runner runner = session.runner().feed(x, input).feed(w, weight);
        sums.forEach(runner::fetch);
        runner.run().close();
    }

    /** Uniform entries of variance 1/n: a product keeps a vector's norm on average. */
    private static TFloat32 randomMatrix(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double bound = Math.sqrt(3.0 / size);
        float[] values = new float[size * size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-bound, bound);
        }
        return TFloat32.tensorOf(Shape.of(size, size), DataBuffers.of(values, true, false));
    }
}
