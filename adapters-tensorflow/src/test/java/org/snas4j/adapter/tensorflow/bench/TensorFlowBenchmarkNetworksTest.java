package org.snas4j.adapter.tensorflow.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.tensorflow.ops.NativeDepthwise;
import org.snas4j.application.port.out.bench.BenchmarkNetworks;
import org.snas4j.application.port.out.bench.BenchmarkNetworksContract;
import org.snas4j.application.port.out.bench.ExecutionOptions;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.training.SgdSettings;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

class TensorFlowBenchmarkNetworksTest extends BenchmarkNetworksContract {

    @Override
    protected BenchmarkNetworks networks() {
        return new TensorFlowBenchmarkNetworks();
    }

    @Test
    void aTracedSupernetStepReportsTheGraphsOpTypes() {
        NetworkShape shape = new NetworkShape(3, 2, 8, 1, 4);
        CountingRecorder recorder = new CountingRecorder();
        recorder.recording = true;
        SplittableRandom random = new SplittableRandom(5);
        float[] images = new float[4 * 8 * 8];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) random.nextGaussian();
        }
        Batch batch = new Batch(4, 8, 8, 1, 4, images, new int[] {0, 1, 2, 3});
        try (SupernetTrainer supernet = networks().supernet(new SupernetConfig(shape, SgdSettings.PAPER, 0, 1, Device.CPU, 1),
                ExecutionOptions.STANDARD, recorder)) {
            supernet.trainStep(batch, CellPair.of(kind -> EdgeOpMatrix.filled(0.125)), 0.025, 0);
        }
        Map<String, Integer> counts = recorder.counts;
        // 3 cells x 5 states: the edges leaving a state share its pools (one per edge would be 42).
        assertEquals(15, counts.get("MaxPool"), counts.toString());
        assertEquals(15, counts.get("MaxPoolGrad"), counts.toString());
        // 3 cells x 14 edges x (2 + 2 + 1 + 1) depthwise convolutions, 3 of them 5x5 per edge.
        int depthwise = 3 * 14 * 6;
        if (NativeDepthwise.enabled()) {
            // This project's kernels: one op for each depthwise convolution and the 1x1 convolution after it, one for
            // all their gradients; the only 1x1 convolutions left are the cells' preprocessing and FactorizedReduce.
            assertEquals(depthwise, counts.get("Snas4jSeparableConv2d"), counts.toString());
            assertEquals(depthwise, counts.get("Snas4jSeparableConv2dGrad"), counts.toString());
            assertNull(counts.get("DepthwiseConv2dNativeBackpropFilter"), counts.toString());
            assertTrue(counts.get("Conv2D") < depthwise / 4, counts.toString());
        } else {
            // TensorFlow computes the filter gradients of the 3x3 ones and of the 16 strided 5x5 ones (the first of
            // sep_conv_5x5 on the 8 input edges of each of the 2 reduction cells); the other 5x5 ones' are
            // depthwise convolutions too (DepthwiseFilterGradient).
            int fiveByFiveAtStrideOne = 3 * 14 * 3 - 2 * 8;
            assertEquals(depthwise + fiveByFiveAtStrideOne, counts.get("DepthwiseConv2dNative"));
            assertEquals(depthwise - fiveByFiveAtStrideOne, counts.get("DepthwiseConv2dNativeBackpropFilter"));
        }
        assertTrue(counts.get("ApplyMomentum") > 100, "one update per weight tensor: " + counts.get("ApplyMomentum"));
    }
}
