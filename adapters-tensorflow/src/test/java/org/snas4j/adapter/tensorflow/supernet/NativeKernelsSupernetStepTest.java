package org.snas4j.adapter.tensorflow.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.tensorflow.ops.NativeDepthwise;
import org.snas4j.adapter.tensorflow.testing.TensorFlowKernels;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.training.StepResult;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

/**
 * The default search's supernet (5 cells, C = 8, 28x28x1: the channel counts and image sizes the
 * native kernels specialise) takes the same training steps on this project's kernels as on TensorFlow's when
 * both start from the same state: loss, dLoss/dZ, every momentum buffer and BN statistic after each of two
 * steps with drop-path, the second taken from trained weights. The states are copied before
 * every step because training is chaotic: a relative difference of 1e-6 in the weights grows to tens of
 * percent of dLoss/dZ within fifteen steps (BENCHMARKS.md, "Are the searches on the separable op worse?"),
 * so comparing two runs step after step would only measure that.
 */
class NativeKernelsSupernetStepTest {

    private static final NetworkShape DEFAULT_SEARCH = new NetworkShape(5, 8, 28, 1, 10);
    /** Float32 sums in another order over a whole network. */
    private static final double RELATIVE = 1e-4;

    @Test
    void stepsFromTheSameStateAgreeWithTensorFlowsKernels() {
        assumeTrue(NativeDepthwise.enabled(), "native kernels: " + NativeDepthwise.unavailableReason());
        var config = TinySupernets.config(DEFAULT_SEARCH, 1).withDropPath(0.3);
        try (TensorFlowSupernetTrainer reference = TensorFlowKernels.get(() -> new TensorFlowSupernetTrainer(config));
             TensorFlowSupernetTrainer nativeKernels = new TensorFlowSupernetTrainer(config)) {
            for (int step = 1; step <= 2; step++) {
                nativeKernels.variables().write(nativeKernels.session(), reference.variables().read(reference.session()));
                Batch batch = TinySupernets.batch(DEFAULT_SEARCH, 32, 100 + step);
                CellPair<EdgeOpMatrix> z = TinySupernets.softZ(200 + step);
                StepResult expected = reference.trainStep(batch, z, 0.025, step);
                StepResult actual = nativeKernels.trainStep(batch, z, 0.025, step);

                String at = "step " + step + ": ";
                assertEquals(expected.loss(), actual.loss(), RELATIVE * expected.loss(), at + "loss");
                assertClose(at + "dLoss/dZ (normal)", expected.lossGradientZ().normal().toFloatRowMajor(),
                        actual.lossGradientZ().normal().toFloatRowMajor());
                assertClose(at + "dLoss/dZ (reduction)", expected.lossGradientZ().reduction().toFloatRowMajor(),
                        actual.lossGradientZ().reduction().toFloatRowMajor());
                Map<String, float[]> expectedState = reference.variables().read(reference.session());
                Map<String, float[]> actualState = nativeKernels.variables().read(nativeKernels.session());
                assertEquals(expectedState.keySet(), actualState.keySet(), "the same variables");
                expectedState.forEach((name, values) -> assertClose(at + name, values, actualState.get(name)));
            }
        }
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        TinySupernets.assertNormClose(what, expected, actual, RELATIVE, 0);
    }
}
