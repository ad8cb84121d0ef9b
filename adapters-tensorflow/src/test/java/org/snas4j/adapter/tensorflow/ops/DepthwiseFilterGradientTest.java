package org.snas4j.adapter.tensorflow.ops;

import static org.snas4j.adapter.tensorflow.ops.DepthwiseComparisons.assertClose;
import static org.snas4j.adapter.tensorflow.ops.DepthwiseComparisons.filter;
import static org.snas4j.adapter.tensorflow.ops.DepthwiseComparisons.gradients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.tensorflow.testing.GraphProbe;
import org.snas4j.adapter.tensorflow.testing.Reference.Map4;
import org.snas4j.adapter.tensorflow.testing.TensorFlowKernels;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The hooked filter gradient against TensorFlow's own and against finite differences. */
class DepthwiseFilterGradientTest {

    @ParameterizedTest(name = "{0}x{0} {1}, {2}x{3} input")
    @CsvSource({"5, SAME, 7, 6", "5, VALID, 9, 8", "7, SAME, 8, 8", "3, SAME, 6, 6"})
    void equalsTensorFlowsOwnGradient(int kernel, String padding, int height, int width) {
        Map4 x = Map4.random(3, height, width, 4, kernel * 31L + height);
        Map<String, float[]> hooked = gradients(x, (scope, in) -> {
            Operand<TFloat32> y = DepthwiseFilterGradient.depthwiseConv2d(scope.tf(), in, filter(scope, kernel, 4), padding);
            assertEquals(-1, y.shape().size(0), "the batch size is unknown to the builder");
            return y;
        });
        Map<String, float[]> native_ = gradients(x, (scope, in) ->
                scope.tf().nn.depthwiseConv2dNative(in, filter(scope, kernel, 4), List.of(1L, 1L, 1L, 1L), padding));
        for (String name : List.of("y", "x", "dw")) {
            assertClose(name, native_.get(name), hooked.get(name));
        }
    }

    /** Through {@link Layers} as the networks build it where this project's kernels are not built. */
    @Test
    void gradientsMatchFiniteDifferences() {
        TensorFlowKernels.run(() -> {
            OpsGradientTest.assertGradientsMatch("5x5 depthwise, hooked filter gradient", Map4.random(2, 6, 5, 3, 7),
                    (scope, x) -> Layers.depthwiseConv2d(scope, "dw", x, 3, 5, 1, 2));
            OpsGradientTest.assertGradientsMatch("5x5 dilated depthwise, hooked filter gradient", Map4.random(2, 6, 6, 3, 8),
                    (scope, x) -> Layers.dilatedDepthwiseConv2d(scope, "dw", x, 3, 5, 2, 1, 4));
        });
    }

    @Test
    void appliesToFiveByFiveFiltersAndLeavesThreeByThreeToTensorFlow() {
        assertTrue(DepthwiseFilterGradient.applies(5), "IdentityN's gradient could not be registered");
        assertFalse(DepthwiseFilterGradient.applies(3));
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> x = probe.input("x", Shape.of(2, 6, 6, 3));
            NetworkScope scope = probe.scope(Mode.TRAINING);
            Operand<TFloat32> five = scope.weight("five", Shape.of(5, 5, 3, 1), WeightInit.uniform(0.5));
            Operand<TFloat32> three = scope.weight("three", Shape.of(3, 3, 3, 1), WeightInit.uniform(0.5));
            Operand<TFloat32> y = probe.tf().math.add(
                    DepthwiseFilterGradient.depthwiseConv2d(probe.tf(), x, five, "SAME"),
                    DepthwiseFilterGradient.depthwiseConv2d(probe.tf(), x, three, "SAME"));
            Operand<TFloat32> loss = probe.tf().sum(y, probe.tf().constant(new int[] {0, 1, 2, 3}));
            Graph graph = (Graph) probe.tf().scope().env();
            Output<?>[] gradients = graph.addGradients(loss.asOutput(), new Output<?>[] {five.asOutput(), three.asOutput()});
            assertNotEquals("DepthwiseConv2dNativeBackpropFilter", ((GraphOperation) gradients[0].op()).type());
            assertEquals("DepthwiseConv2dNativeBackpropFilter", ((GraphOperation) gradients[1].op()).type());
        }
    }

    @Test
    void otherIdentityNOpsKeepTheIdentityGradient() {
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> x = probe.input("x", Shape.of(2, 3));
            List<Operand<?>> both = List.of(probe.tf().math.mul(x, probe.tf().constant(2f)),
                    probe.tf().math.mul(x, probe.tf().constant(3f)));
            List<Output<?>> outputs = probe.tf().identityN(both).output();
            probe.finish(probe.tf().math.add(outputs.get(0).expect(TFloat32.class), outputs.get(1).expect(TFloat32.class)), 3);
            float[] gradient = probe.gradient(probe.point(Map.of("x", new float[] {1, 2, 3, 4, 5, 6}))).get("x");
            // The objective sum(R * (2x + 3x)) is linear: its gradient's entry i is its value at the unit vector e_i.
            for (int i = 0; i < gradient.length; i++) {
                float[] unit = new float[6];
                unit[i] = 1;
                assertEquals(probe.objective(probe.point(Map.of("x", unit))), gradient[i], 1e-5, "entry " + i);
            }
        }
    }
}
