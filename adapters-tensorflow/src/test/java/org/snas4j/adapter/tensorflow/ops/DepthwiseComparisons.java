package org.snas4j.adapter.tensorflow.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.function.BiFunction;
import org.snas4j.adapter.tensorflow.testing.GraphProbe;
import org.snas4j.adapter.tensorflow.testing.Reference.Map4;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** What the depthwise-convolution tests compare: one builder's output and gradients, against another's. */
final class DepthwiseComparisons {

    private DepthwiseComparisons() {
    }

    /** The filter variable {@code dw} [k, k, channels, 1] every compared builder reads. */
    static Operand<TFloat32> filter(NetworkScope scope, int kernel, int channels) {
        return scope.weight("dw", Shape.of(kernel, kernel, channels, 1), WeightInit.uniform(0.5));
    }

    /** The 1x1 filter variable {@code pw} [1, 1, in, out] the compared separable builders read. */
    static Operand<TFloat32> pointwise(NetworkScope scope, int in, int out) {
        return scope.weight("pw", Shape.of(1, 1, in, out), WeightInit.uniform(0.5));
    }

    /**
     * Output ("y"), input ("x") and filter ("dw", "pw" where built) gradients of sum(R * conv(x, dw)) for one builder, at a
     * seeded point. The builder sees an unknown batch size, as in the networks' evaluation graphs.
     */
    static Map<String, float[]> gradients(Map4 x, BiFunction<NetworkScope, Operand<TFloat32>, Operand<TFloat32>> builder) {
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> input = probe.inputOfUnknownBatch("x", Shape.of(x.n(), x.h(), x.w(), x.c()));
            Operand<TFloat32> y = builder.apply(probe.scope(Mode.TRAINING), input);
            probe.finish(probe.tf().reshape(y, probe.tf().constant(new long[] {x.n(), y.shape().size(1), y.shape().size(2),
                    y.shape().size(3)})), 5);
            Map<String, float[]> point = probe.point(Map.of("x", x.data()));
            Map<String, float[]> gradient = probe.gradient(point);
            gradient.put("y", probe.output(point));
            return gradient;
        }
    }

    /** Equal within 1e-5 of the expected values' largest magnitude, which must not be zero. */
    static void assertClose(String what, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + " is all zeros: nothing compared");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 * scale, what + " at " + i);
        }
    }
}
