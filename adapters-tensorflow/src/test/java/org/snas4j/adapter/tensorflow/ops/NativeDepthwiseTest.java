package org.snas4j.adapter.tensorflow.ops;

import static org.snas4j.adapter.tensorflow.ops.DepthwiseComparisons.assertClose;
import static org.snas4j.adapter.tensorflow.ops.DepthwiseComparisons.filter;
import static org.snas4j.adapter.tensorflow.ops.DepthwiseComparisons.gradients;
import static org.snas4j.adapter.tensorflow.ops.DepthwiseComparisons.pointwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snas4j.adapter.tensorflow.testing.GraphProbe;
import org.snas4j.adapter.tensorflow.testing.Reference.Map4;
import org.snas4j.adapter.tensorflow.testing.TensorFlowKernels;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * This project's depthwise kernels against TensorFlow's: the same outputs and gradients for every
 * geometry the networks use (and odd channel counts, which take the kernels' scalar path), finite
 * differences through {@link Layers}, and where they are (not) used.
 */
class NativeDepthwiseTest {

    /** The build that compiled the library says so (profile native-kernels): then its absence is a failure. */
    private static final boolean EXPECTED = Boolean.getBoolean("snas4j.native.expected");

    @BeforeEach
    void libraryLoadedWhereBuilt() {
        if (EXPECTED) {
            assertTrue(NativeDepthwise.loaded(), "the build compiled the kernels, but: " + NativeDepthwise.unavailableReason());
        }
        assumeTrue(NativeDepthwise.loaded(), NativeDepthwise.unavailableReason());
    }

    @ParameterizedTest(name = "{0}x{0} stride {1} padding {2}, {3}x{4}x{5}")
    @CsvSource({
            "3, 1, 1, 9, 9, 8",     // sep conv 3x3 of a normal cell, one vector of channels
            "5, 1, 2, 10, 7, 16",   // sep conv 5x5, two vectors, a non-square map
            "3, 2, 1, 9, 8, 12",    // reduction edge, odd size: a vector and a scalar tail
            "5, 2, 2, 8, 8, 5",     // reduction edge, scalar channels only
            "3, 1, 0, 7, 7, 24",    // dilated conv after SpaceToBatchND: VALID
            "5, 1, 0, 9, 11, 3",
            "1, 1, 0, 4, 4, 8",
            "5, 1, 2, 3, 3, 8"})    // a map smaller than the filter's reach: every window clipped
    void equalsTensorFlowsConvolutionAndGradients(int kernel, int stride, int padding, int height, int width, int channels) {
        Map4 x = Map4.random(3, height, width, channels, kernel * 131L + stride * 17L + height);
        Map<String, float[]> ours = gradients(x, (scope, in) ->
                NativeDepthwise.depthwiseConv2d(scope.tf(), in, filter(scope, kernel, channels), stride, padding));
        Map<String, float[]> tensorFlows = gradients(x, (scope, in) -> {
            Operand<TFloat32> padded = scope.tf().pad(in, scope.tf().constant(new int[][] {{0, 0}, {padding, padding},
                    {padding, padding}, {0, 0}}), scope.tf().constant(0f));
            return scope.tf().nn.depthwiseConv2dNative(padded, filter(scope, kernel, channels),
                    List.of(1L, (long) stride, (long) stride, 1L), "VALID");
        });
        for (String name : List.of("y", "x", "dw")) {
            assertClose(name, tensorFlows.get(name), ours.get(name));
        }
    }

    @ParameterizedTest(name = "{0}x{0} stride {1} padding {2}, {3}x{4}x{5} -> {6}, ReLU {7}")
    @CsvSource({
            "3, 1, 1, 9, 9, 8, 8, true",     // second half of a sep conv 3x3: ReLU inside
            "5, 1, 2, 10, 7, 16, 16, false", // first half of a sep conv 5x5 (its ReLU is the input's shared one)
            "3, 2, 1, 9, 8, 12, 12, false",  // reduction edge, a vector and a scalar tail
            "5, 2, 2, 8, 8, 5, 7, true",     // scalar channels in and out
            "3, 1, 0, 7, 7, 24, 32, false",  // dilated conv after SpaceToBatchND: VALID, more channels out
            "5, 1, 2, 3, 3, 8, 16, true",    // a map smaller than the filter's reach
            "3, 1, 1, 5, 5, 16, 9, true",    // fewer channels out, one vector and a tail
            "3, 1, 1, 7, 7, 32, 32, true",   // the widths the kernels specialise: 32 and 64 channels, stride 1 and 2
            "5, 2, 2, 14, 14, 32, 32, false",
            "3, 2, 1, 16, 16, 8, 8, false",
            "5, 1, 2, 8, 8, 64, 64, true"})
    void separableEqualsTensorFlowsThreeLayersAndTheirGradients(int kernel, int stride, int padding, int height, int width,
                                                                int channels, int out, boolean relu) {
        Map4 x = Map4.random(3, height, width, channels, kernel * 71L + stride * 13L + out);
        Map<String, float[]> ours = gradients(x, (scope, in) -> NativeDepthwise.separableConv2d(scope.tf(), in,
                filter(scope, kernel, channels), pointwise(scope, channels, out), stride, padding, 1, relu));
        Map<String, float[]> tensorFlows = gradients(x, (scope, in) -> {
            Ops tf = scope.tf();
            Operand<TFloat32> activated = relu ? tf.nn.relu(in) : in;
            Operand<TFloat32> padded = tf.pad(activated, tf.constant(new int[][] {{0, 0}, {padding, padding},
                    {padding, padding}, {0, 0}}), tf.constant(0f));
            Operand<TFloat32> depthwise = tf.nn.depthwiseConv2dNative(padded, filter(scope, kernel, channels),
                    List.of(1L, (long) stride, (long) stride, 1L), "VALID");
            return tf.nn.conv2d(depthwise, pointwise(scope, channels, out), List.of(1L, 1L, 1L, 1L), "VALID");
        });
        for (String name : List.of("y", "x", "dw", "pw")) {
            assertClose(name, tensorFlows.get(name), ours.get(name));
        }
    }

    @ParameterizedTest(name = "{0}x{0} dilation {1} padding {2}, {3}x{4}x{5} -> {6}, ReLU {7}")
    @CsvSource({
            "3, 2, 2, 9, 9, 8, 8, false",    // dil_conv_3x3 of a normal cell
            "5, 2, 4, 10, 7, 16, 16, false", // dil_conv_5x5, a non-square map
            "3, 2, 2, 5, 6, 5, 7, true",     // scalar channels, ReLU inside
            "5, 2, 4, 3, 3, 8, 8, false",    // a map smaller than the filter's reach
            "3, 3, 1, 8, 8, 12, 12, false",  // another dilation, less padding than the reach
            "3, 2, 2, 7, 7, 32, 32, false",  // the widths the kernels specialise
            "5, 2, 4, 8, 8, 64, 64, true"})
    void dilatedSeparableEqualsTensorFlowsAtrousDecompositionAndItsGradients(int kernel, int dilation, int padding, int height,
                                                                             int width, int channels, int out, boolean relu) {
        Map4 x = Map4.random(2, height, width, channels, kernel * 37L + dilation * 5L + height);
        Map<String, float[]> ours = gradients(x, (scope, in) -> NativeDepthwise.separableConv2d(scope.tf(), in,
                filter(scope, kernel, channels), pointwise(scope, channels, out), 1, padding, dilation, relu));
        Map<String, float[]> tensorFlows = gradients(x, (scope, in) -> {
            // TensorFlow's dilations attribute has a wrong gradient: SpaceToBatchND around an undilated convolution.
            Ops tf = scope.tf();
            int extraRows = Math.floorMod(-(height + 2 * padding), dilation);
            int extraColumns = Math.floorMod(-(width + 2 * padding), dilation);
            Operand<TFloat32> batched = tf.spaceToBatchNd(relu ? tf.nn.relu(in) : in, tf.constant(new int[] {dilation, dilation}),
                    tf.constant(new int[][] {{padding, padding + extraRows}, {padding, padding + extraColumns}}));
            Operand<TFloat32> depthwise = tf.batchToSpaceNd(tf.nn.depthwiseConv2dNative(batched, filter(scope, kernel, channels),
                    List.of(1L, 1L, 1L, 1L), "VALID"), tf.constant(new int[] {dilation, dilation}),
                    tf.constant(new int[][] {{0, extraRows}, {0, extraColumns}}));
            return tf.nn.conv2d(depthwise, pointwise(scope, channels, out), List.of(1L, 1L, 1L, 1L), "VALID");
        });
        for (String name : List.of("y", "x", "dw", "pw")) {
            assertClose(name, tensorFlows.get(name), ours.get(name));
        }
    }

    @Test
    void separableGradientsMatchFiniteDifferencesThroughLayers() {
        OpsGradientTest.assertGradientsMatch("5x5 separable, ReLU inside", Map4.random(2, 6, 5, 3, 11),
                (scope, x) -> Layers.separableConv2d(scope, "dw", "pw", x, true, 3, 4, 5, 1, 2));
        OpsGradientTest.assertGradientsMatch("3x3 separable, stride 2", Map4.random(2, 7, 7, 9, 12),
                (scope, x) -> Layers.separableConv2d(scope, "dw", "pw", x, false, 9, 9, 3, 2, 1));
        OpsGradientTest.assertGradientsMatch("5x5 dilated separable", Map4.random(2, 6, 6, 3, 13),
                (scope, x) -> Layers.dilatedSeparableConv2d(scope, "dw", "pw", x, 3, 3, 5, 2, 1, 4));
        OpsGradientTest.assertGradientsMatch("3x3 dilated separable, stride 2", Map4.random(2, 7, 7, 4, 14),
                (scope, x) -> Layers.dilatedSeparableConv2d(scope, "dw", "pw", x, 4, 4, 3, 2, 2, 2));
    }

    @Test
    void gradientsMatchFiniteDifferencesThroughLayers() {
        OpsGradientTest.assertGradientsMatch("5x5 depthwise", Map4.random(2, 6, 5, 3, 7),
                (scope, x) -> Layers.depthwiseConv2d(scope, "dw", x, 3, 5, 1, 2));
        OpsGradientTest.assertGradientsMatch("3x3 depthwise, stride 2", Map4.random(2, 7, 7, 9, 9),
                (scope, x) -> Layers.depthwiseConv2d(scope, "dw", x, 9, 3, 2, 1));
        OpsGradientTest.assertGradientsMatch("5x5 dilated depthwise", Map4.random(2, 6, 6, 3, 8),
                (scope, x) -> Layers.dilatedDepthwiseConv2d(scope, "dw", x, 3, 5, 2, 1, 4));
    }

    @Test
    void trainingPassesUseTheKernelsAndInferencePassesKeepTensorFlows() {
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> x = probe.input("x", Shape.of(2, 6, 6, 3));
            Operand<TFloat32> training = Layers.depthwiseConv2d(probe.scope(Mode.TRAINING), "dw", x, 3, 5, 1, 2);
            assertArrayEquals(new long[] {2, 6, 6, 3}, training.shape().asArray(), "the reshape states the static shape");
            Set<String> trainingTypes = opTypes(probe);
            assertTrue(trainingTypes.contains(NativeDepthwise.OP_TYPE), trainingTypes.toString());
            assertFalse(trainingTypes.contains("DepthwiseConv2dNative"), trainingTypes.toString());

            Layers.depthwiseConv2d(probe.scope(Mode.INFERENCE), "dw", x, 3, 5, 1, 2);
            assertTrue(opTypes(probe).contains("DepthwiseConv2dNative"), "inference passes (and exports) keep TensorFlow's op");
        }
    }

    @Test
    void separableConvolutionsOfTrainingPassesAreOneOpAndInferencePassesKeepTensorFlows() {
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> x = probe.input("x", Shape.of(2, 6, 6, 3));
            Operand<TFloat32> training = Layers.separableConv2d(probe.scope(Mode.TRAINING), "dw", "pw", x, true, 3, 5, 3, 2, 1);
            assertArrayEquals(new long[] {2, 3, 3, 5}, training.shape().asArray(), "the reshape states the static shape");
            Set<String> trainingTypes = opTypes(probe);
            assertTrue(trainingTypes.contains(NativeDepthwise.SEPARABLE_OP_TYPE), trainingTypes.toString());
            for (String separate : List.of("Relu", NativeDepthwise.OP_TYPE, "DepthwiseConv2dNative", "Conv2D")) {
                assertFalse(trainingTypes.contains(separate), separate + " in " + trainingTypes);
            }

            Layers.separableConv2d(probe.scope(Mode.INFERENCE), "dw", "pw", x, true, 3, 5, 3, 2, 1);
            Set<String> inferenceTypes = opTypes(probe);
            for (String separate : List.of("Relu", "DepthwiseConv2dNative", "Conv2D")) {
                assertTrue(inferenceTypes.contains(separate), "inference passes keep TensorFlow's " + separate);
            }
        }
    }

    @Test
    void notUsedOnAGpuOrWhenSwitchedOff() {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            assertTrue(NativeDepthwise.appliesTo(tf));
            assertTrue(NativeDepthwise.appliesTo(tf.withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).build())));
            assertFalse(NativeDepthwise.appliesTo(tf.withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).build())));
            assertTrue(NativeDepthwise.enabled());
            TensorFlowKernels.run(() -> assertFalse(NativeDepthwise.appliesTo(tf) || NativeDepthwise.enabled()));
        }
    }

    @Test
    void mismatchedShapesAreRefusedWhenBuilding() {
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> x = probe.input("x", Shape.of(2, 6, 6, 3));
            Operand<TFloat32> fourChannels = filter(probe.scope(Mode.TRAINING), 3, 4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> NativeDepthwise.depthwiseConv2d(probe.tf(), x, fourChannels, 1, 1));
            assertTrue(e.getMessage().contains("4 channels"), e.getMessage());
            Operand<TFloat32> threeChannels = filter(probe.scope(Mode.TRAINING).child("separable"), 3, 3);
            Operand<TFloat32> fromTwo = pointwise(probe.scope(Mode.TRAINING), 2, 5);
            IllegalArgumentException pointwise = assertThrows(IllegalArgumentException.class,
                    () -> NativeDepthwise.separableConv2d(probe.tf(), x, threeChannels, fromTwo, 1, 1, 1, true));
            assertTrue(pointwise.getMessage().contains("pointwise filter [1, 1, 3, out]"), pointwise.getMessage());
            Operand<TFloat32> threeToFive = pointwise(probe.scope(Mode.TRAINING).child("separable"), 3, 5);
            IllegalArgumentException dilated = assertThrows(IllegalArgumentException.class,
                    () -> NativeDepthwise.separableConv2d(probe.tf(), x, threeChannels, threeToFive, 2, 2, 2, false));
            assertTrue(dilated.getMessage().contains("stride 1"), dilated.getMessage());
        }
    }

    private static Set<String> opTypes(GraphProbe probe) {
        Set<String> types = new HashSet<>();
        ((Graph) probe.tf().scope().env()).operations().forEachRemaining(op -> types.add(op.type()));
        return types;
    }
}
