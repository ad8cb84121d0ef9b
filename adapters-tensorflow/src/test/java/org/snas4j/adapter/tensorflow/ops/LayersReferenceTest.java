package org.snas4j.adapter.tensorflow.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snas4j.adapter.tensorflow.testing.GraphProbe;
import org.snas4j.adapter.tensorflow.testing.Reference.Map4;
import org.snas4j.adapter.tensorflow.testing.Reference;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The TensorFlow layers compute what PyTorch's layers compute (padding alignment, counts, dilation). */
class LayersReferenceTest {

    private static final float TOLERANCE = 1e-4f;

    /** Runs {@code layer} on a random input in training mode; returns TF's output and the variables. */
    private static Result run(Map4 x, BiFunction<NetworkScope, Operand<TFloat32>, Operand<TFloat32>> layer) {
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> input = probe.input("x", Shape.of(x.n(), x.h(), x.w(), x.c()));
            Operand<TFloat32> y = layer.apply(probe.scope(Mode.TRAINING), input);
            probe.finish(y, 7);
            Map<String, float[]> point = probe.point(Map.of("x", x.data()));
            long[] dims = y.shape().asArray();
            return new Result(probe.output(point), point, dims);
        }
    }

    private record Result(float[] output, Map<String, float[]> values, long[] shape) {
    }

    private static void assertSame(Map4 expected, Result actual) {
        assertArrayEquals(new long[] {expected.n(), expected.h(), expected.w(), expected.c()}, actual.shape);
        assertArrayEquals(expected.data(), actual.output, TOLERANCE);
    }

    @ParameterizedTest(name = "conv k{0} stride {1} padding {2} size {3}")
    @CsvSource({"3, 1, 1, 6", "3, 2, 1, 8", "1, 2, 0, 8", "3, 2, 1, 7"})
    void convolutionMatchesPytorchGeometry(int kernel, int stride, int padding, int size) {
        Map4 x = Map4.random(2, size, size, 3, 1);
        Result r = run(x, (s, in) -> Layers.conv2d(s, "conv", in, 3, 5, kernel, stride, padding));
        assertSame(Reference.conv(x, r.values.get("conv"), kernel, 5, stride, padding), r);
    }

    @Test
    void strided1x1ConvolutionAtFewChannelsRunsAndMatchesPytorch() {
        // The shape that crashed TensorFlow 1.1.0's oneDNN kernel on AVX-512 machines (32 x 28 x 28 x 4, 1x1 stride 2).
        Map4 x = Map4.random(32, 28, 28, 4, 9);
        Result r = run(x, (s, in) -> Layers.conv2d(s, "conv", in, 4, 4, 1, 2, 0));
        assertSame(Reference.conv(x, r.values.get("conv"), 1, 4, 2, 0), r);
    }

    @ParameterizedTest(name = "depthwise k{0} stride {1} size {2}")
    @CsvSource({"3, 1, 6", "5, 1, 7", "3, 2, 8", "5, 2, 8"})
    void depthwiseMatchesPytorchGeometry(int kernel, int stride, int size) {
        Map4 x = Map4.random(2, size, size, 4, 2);
        int padding = (kernel - 1) / 2;
        Result r = run(x, (s, in) -> Layers.depthwiseConv2d(s, "dw", in, 4, kernel, stride, padding));
        assertSame(Reference.depthwise(x, r.values.get("dw"), kernel, stride, padding, 1), r);
    }

    @ParameterizedTest(name = "dilated k{0} stride {1} size {2}")
    @CsvSource({"3, 1, 8", "3, 1, 7", "5, 1, 6", "5, 1, 7", "3, 2, 8", "5, 2, 8", "3, 2, 6", "5, 1, 4"})
    void dilatedDepthwiseMatchesPytorchDilation(int kernel, int stride, int size) {
        Map4 x = Map4.random(2, size, size, 3, 3);
        int padding = kernel - 1;
        Result r = run(x, (s, in) -> Layers.dilatedDepthwiseConv2d(s, "dw", in, 3, kernel, 2, stride, padding));
        assertSame(Reference.depthwise(x, r.values.get("dw"), kernel, stride, padding, 2), r);
    }

    @ParameterizedTest(name = "max {0} stride {1} size {2}")
    @CsvSource({"true, 1, 6", "true, 2, 6", "true, 2, 7", "false, 1, 5", "false, 2, 6", "false, 2, 7"})
    void poolsMatchPytorchIncludingPaddingExclusion(boolean max, int stride, int size) {
        Map4 x = Map4.random(2, size, size, 3, 4);
        Result r = run(x, (s, in) -> max ? Layers.maxPool3x3(s, in, stride) : Layers.avgPool3x3(s, in, stride));
        assertSame(Reference.pool3x3(x, stride, max), r);
    }

    @Test
    void factorizedReduceConcatenatesEvenAndShiftedHalves() {
        Map4 x = Map4.random(2, 6, 6, 3, 5);
        Result r = run(x, (s, in) -> Blocks.factorizedReduce(s, FeatureMap.of(in), 3, 4, false));
        Map4 activated = Reference.relu(x);
        Map4 even = Reference.conv(activated, r.values.get("conv1"), 1, 2, 2, 0);
        Map4 odd = Reference.conv(Reference.shift(activated), r.values.get("conv2"), 1, 2, 2, 0);
        assertSame(Reference.batchNorm(Reference.concat(even, odd)), r);
    }

    @Test
    void separableConvolutionAppliesTheDartsSequenceTwice() {
        Map4 x = Map4.random(2, 6, 6, 2, 6);
        Result r = run(x, (s, in) -> Blocks.sepConv(s, FeatureMap.of(in), 2, 2, 3, 2, 1, false));
        Map4 y = Reference.depthwise(Reference.relu(x), r.values.get("depthwise1"), 3, 2, 1, 1);
        y = Reference.batchNorm(Reference.conv(y, r.values.get("pointwise1"), 1, 2, 1, 0));
        y = Reference.depthwise(Reference.relu(y), r.values.get("depthwise2"), 3, 1, 1, 1);
        y = Reference.batchNorm(Reference.conv(y, r.values.get("pointwise2"), 1, 2, 1, 0));
        assertSame(y, r);
    }

    @Test
    void affineBatchNormOwnsScaleAndOffsetWhileTheSearchFormOwnsNone() {
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> input = probe.input("x", Shape.of(2, 4, 4, 3));
            NetworkScope scope = probe.scope(Mode.TRAINING);
            Layers.batchNorm(scope, "plain", input, 3, false);
            Layers.batchNorm(scope, "affine", input, 3, true);
            assertEquals(java.util.List.of("affine/gamma", "affine/beta"), probe.store().names(VariableStore.Kind.TRAINABLE));
            assertEquals(java.util.List.of("plain/moving_mean", "plain/moving_variance", "affine/gamma", "affine/beta",
                    "affine/moving_mean", "affine/moving_variance"), probe.store().names());
        }
    }

    @Test
    void batchNormTrainingUpdatesMovingStatisticsThatInferenceThenUses() {
        Map4 x = Map4.random(3, 4, 4, 2, 9);
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> input = probe.input("x", Shape.of(3, 4, 4, 2));
            NetworkScope training = probe.scope(Mode.TRAINING);
            Layers.batchNorm(training, "bn", input, 2, false);
            Operand<TFloat32> inference = Layers.batchNorm(probe.scope(Mode.INFERENCE), "bn", input, 2, false);
            probe.finish(inference, 3);
            try (TFloat32 feed = TFloat32.tensorOf(input.shape(), org.tensorflow.ndarray.buffer.DataBuffers.of(x.data()))) {
                org.tensorflow.Session.Runner runner = probe.session().runner().feed(input, feed);
                training.updates().forEach(runner::addTarget);
                runner.run().close();
            }
            Map<String, float[]> stored = probe.store().read(probe.session());
            float[] expectedOutput = new float[x.data().length];
            int count = 3 * 4 * 4;
            for (int ch = 0; ch < 2; ch++) {
                double mean = 0;
                for (int i = ch; i < x.data().length; i += 2) {
                    mean += x.data()[i];
                }
                mean /= count;
                double sumSquares = 0;
                for (int i = ch; i < x.data().length; i += 2) {
                    sumSquares += (x.data()[i] - mean) * (x.data()[i] - mean);
                }
                double movingMean = 0.1 * mean;
                double movingVariance = 0.9 + 0.1 * sumSquares / (count - 1);
                assertEquals(movingMean, stored.get("bn/moving_mean")[ch], 1e-5);
                assertEquals(movingVariance, stored.get("bn/moving_variance")[ch], 1e-5);
                for (int i = ch; i < x.data().length; i += 2) {
                    expectedOutput[i] = (float) ((x.data()[i] - movingMean) / Math.sqrt(movingVariance + 1e-5));
                }
            }
            assertArrayEquals(expectedOutput, probe.fetch(inference, Map.of("x", x.data())), TOLERANCE);
        }
    }
}
