package org.snas4j.adapter.tensorflow.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snas4j.adapter.tensorflow.testing.FiniteDifferences;
import org.snas4j.adapter.tensorflow.testing.GraphProbe;
import org.snas4j.adapter.tensorflow.testing.Reference.Map4;
import org.snas4j.domain.space.EdgeShape;
import org.snas4j.domain.space.Operation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * TensorFlow's gradients of every op builder (w.r.t. the input and every weight) against central
 * finite differences, in training mode (batch-statistics BN) where the search differentiates.
 */
class OpsGradientTest {

    static final double RELATIVE_TOLERANCE = 2e-2;

    /** Checks each parameter (input, then each weight) separately along two random directions. */
    static void assertGradientsMatch(String what, Map4 x,
                                     BiFunction<NetworkScope, Operand<TFloat32>, Operand<TFloat32>> builder) {
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> input = probe.input("x", Shape.of(x.n(), x.h(), x.w(), x.c()));
            probe.finish(builder.apply(probe.scope(Mode.TRAINING), input), 11);
            Map<String, float[]> point = probe.point(Map.of("x", x.data()));
            Map<String, float[]> gradient = probe.gradient(point);
            for (String name : probe.parameterNames()) {
                FiniteDifferences.assertDirectionalDerivatives(what, probe::objective, point, gradient, List.of(name),
                        2, RELATIVE_TOLERANCE, name.hashCode());
            }
        }
    }

    static Stream<Arguments> candidates() {
        // none has no gradient path at all (its output is a constant): noneIsZerosOfTheSubsampledShape covers it.
        return Stream.of(Operation.values()).filter(op -> op != Operation.NONE).flatMap(op -> Stream.of(
                Arguments.of(op, 1, 6), Arguments.of(op, 2, 6), Arguments.of(op, 1, 5)));
    }

    @ParameterizedTest(name = "{0} stride {1} size {2}")
    @MethodSource("candidates")
    void candidateOperationGradientsMatchFiniteDifferences(Operation op, int stride, int size) {
        EdgeShape edge = new EdgeShape(4, stride, size, size / stride);
        assertGradientsMatch(op.id(), Map4.random(2, size, size, 4, op.ordinal() * 10L + stride),
                (scope, x) -> CandidateOps.search().build(scope.child(op.id()), op, FeatureMap.of(x), edge));
    }

    @Test
    void affineCandidateOperationGradientsMatchFiniteDifferences() {
        CandidateOps retraining = new CandidateOps(true, true);
        for (Operation op : List.of(Operation.SEP_CONV_3X3, Operation.DIL_CONV_5X5, Operation.AVG_POOL_3X3, Operation.SKIP_CONNECT)) {
            EdgeShape edge = new EdgeShape(4, 2, 6, 3);
            assertGradientsMatch("affine " + op.id(), Map4.random(2, 6, 6, 4, 40 + op.ordinal()),
                    (scope, x) -> retraining.build(scope.child(op.id()), op, FeatureMap.of(x), edge));
        }
    }

    @Test
    void noneIsZerosOfTheSubsampledShape() {
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> input = probe.input("x", Shape.of(2, 6, 6, 3));
            Operand<TFloat32> y = CandidateOps.search().build(probe.scope(Mode.TRAINING), Operation.NONE, FeatureMap.of(input), new EdgeShape(3, 2, 6, 3));
            assertEquals(Shape.of(2, 3, 3, 3), y.shape());
            probe.finish(y, 1);
            assertArrayEquals(new float[2 * 3 * 3 * 3], probe.output(probe.point(Map.of("x", Map4.random(2, 6, 6, 3, 1).data()))));
        }
    }

    @Test
    void factorizedReduceGradientsMatchFiniteDifferences() {
        assertGradientsMatch("factorized reduce", Map4.random(3, 6, 6, 5, 21),
                (scope, x) -> Blocks.factorizedReduce(scope, FeatureMap.of(x), 5, 4, false));
    }

    @Test
    void preprocessingGradientsMatchFiniteDifferences() {
        assertGradientsMatch("ReLU-Conv1x1-BN", Map4.random(2, 5, 5, 6, 22),
                (scope, x) -> Blocks.reluConvBn(scope, FeatureMap.of(x), 6, 4, 1, 1, 0, false));
    }

    @Test
    void stemAndClassifierGradientsMatchFiniteDifferences() {
        assertGradientsMatch("stem + pooling + linear", Map4.random(2, 6, 6, 3, 23), (scope, x) -> {
            Operand<TFloat32> stem = Layers.batchNorm(scope, "stem_bn", Layers.conv2d(scope, "stem", x, 3, 6, 3, 1, 1), 6, true);
            return Layers.linear(scope, "classifier", Layers.globalAveragePool(scope, stem), 6, 5);
        });
    }

    @Test
    void aWrongGradientIsCaught() {
        // The check must be able to fail: a dilated convolution built with TensorFlow's dilations
        // attribute has a silently wrong gradient in TensorFlow 1.1.0.
        AssertionError error = null;
        try {
            assertGradientsMatch("dilations attribute", Map4.random(2, 6, 6, 3, 24), (scope, x) -> {
                Operand<TFloat32> filter = scope.weight("dw", Shape.of(3, 3, 3, 1), WeightInit.uniform(0.5));
                return scope.tf().nn.depthwiseConv2dNative(x, filter, List.of(1L, 1L, 1L, 1L), "SAME",
                        org.tensorflow.op.nn.DepthwiseConv2dNative.dilations(List.of(1L, 2L, 2L, 1L)));
            });
        } catch (AssertionError e) {
            error = e;
        }
        assertFalse(error == null, "the finite-difference check accepted a known-wrong gradient");
        assertTrue(error.getMessage().contains("dilations attribute"));
    }
}
