package org.snas4j.adapter.tensorflow.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** DARTS' drop-path op: unbiased, per-example masks keyed by (stream, step, edge) without aliasing. */
class DropPathTest {

    private static final int EXAMPLES = 20_000;
    private static final float KEEP = 0.7f;

    @Test
    void keepsTheExpectedValueAndDropsTheRightShare() {
        float[][] outputs = run(new long[] {12345L, 3L});
        for (float[] edge : outputs) {
            double mean = Arrays.stream(toDoubles(edge)).average().orElseThrow();
            long dropped = Arrays.stream(toDoubles(edge)).filter(v -> v == 0).count();
            // Each output is 0 or 1 / keep: mean 1 with standard error sqrt((1 - keep) / keep / n) ~ 0.005.
            assertEquals(1.0, mean, 0.025);
            assertEquals(1 - KEEP, (double) dropped / EXAMPLES, 0.01);
            for (float v : edge) {
                assertTrue(v == 0f || Math.abs(v - 1 / KEEP) < 1e-5, "0 or 1/keep, got " + v);
            }
        }
    }

    @Test
    void noEdgeReusesAnotherEdgesMaskOfTheNeighbouringStep() {
        float[][] stepFive = run(new long[] {99L, 5L});
        float[][] stepSix = run(new long[] {99L, 6L});
        // Keyed by step + edge, edge 0 at step 6 would have repeated edge 1's mask of step 5.
        assertFalse(Arrays.equals(stepFive[1], stepSix[0]));
        assertFalse(Arrays.equals(stepFive[0], stepFive[1]), "two edges of one step differ");
        assertTrue(Arrays.equals(stepFive[0], run(new long[] {99L, 5L})[0]), "the same (stream, step, edge) repeats");
    }

    /** Two edges' drop-path of an all-ones [EXAMPLES, 1, 1, 1] input under the fed seed. */
    private static float[][] run(long[] seed) {
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            NetworkScope scope = NetworkScope.root(tf, new VariableStore(tf), Mode.TRAINING);
            Placeholder<TInt64> seedFeed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
            DropPath dropPath = new DropPath(tf.constant(KEEP), seedFeed);
            Operand<TFloat32> ones = tf.fill(tf.constant(new long[] {EXAMPLES, 1, 1, 1}), tf.constant(1f));
            Operand<TFloat32> edge0 = dropPath.apply(scope, ones);
            Operand<TFloat32> edge1 = dropPath.apply(scope, ones);
            try (TInt64 seedTensor = TInt64.vectorOf(seed);
                 Result result = session.runner().feed(seedFeed, seedTensor).fetch(edge0).fetch(edge1).run()) {
                float[][] values = new float[2][EXAMPLES];
                for (int i = 0; i < 2; i++) {
                    ((TFloat32) result.get(i)).copyTo(DataBuffers.of(values[i], false, false));
                }
                return values;
            }
        }
    }

    private static double[] toDoubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            d[i] = values[i];
        }
        return d;
    }
}
