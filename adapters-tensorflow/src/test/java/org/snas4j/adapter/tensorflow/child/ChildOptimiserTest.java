package org.snas4j.adapter.tensorflow.child;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.tensorflow.feed.BatchFeeds;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.SgdSettings;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The in-graph update is DARTS' optimiser: clip_grad_norm_ on the raw gradients, then PyTorch's SGD
 * with weight decay and momentum (d = g + wd w, v = mu v + d, w -= lr v), checked by hand over two steps.
 */
class ChildOptimiserTest {

    @Test
    void twoStepsFollowClippedSgdWithMomentumAndWeightDecay() {
        double clip = 0.5;
        double momentum = 0.9;
        double decay = 0.01;
        double rate = 0.1;
        ChildNetworkConfig config = new ChildNetworkConfig(PublishedGenotypes.byName("darts-v2"), TensorFlowChildTrainerTest.TINY,
                new ChildOptions(true, false), 0.4, new SgdSettings(momentum, decay, clip), 3, Device.CPU, 1);
        Batch batch = TensorFlowChildTrainerTest.batch(10, 9);
        try (TensorFlowChildTrainer trainer = new TensorFlowChildTrainer(config)) {
            ChildTrainingGraph graph = trainerGraph(trainer);
            Map<String, float[]> w0 = trainer.variables().read(trainer.session());
            Map<String, float[]> g0 = gradients(trainer, graph, batch);
            double scale0 = clipScale(g0, clip);
            assertTrue(scale0 < 1, "the test needs the clip to bite, norm scale " + scale0);
            trainer.trainStep(batch, rate, 0, 0);
            Map<String, float[]> w1 = trainer.variables().read(trainer.session());
            Map<String, float[]> v1 = new LinkedHashMap<>();
            for (String name : graph.trainable) {
                float[] v = new float[w0.get(name).length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (g0.get(name)[i] * scale0 + decay * w0.get(name)[i]);
                    assertEquals(w0.get(name)[i] - rate * v[i], w1.get(name)[i], 1e-5 + 1e-4 * Math.abs(w1.get(name)[i]), name + "[" + i + "]");
                }
                v1.put(name, v);
            }
            Map<String, float[]> g1 = gradients(trainer, graph, batch);
            double scale1 = clipScale(g1, clip);
            trainer.trainStep(batch, rate, 0, 1);
            Map<String, float[]> w2 = trainer.variables().read(trainer.session());
            for (String name : graph.trainable) {
                for (int i = 0; i < w1.get(name).length; i++) {
                    double v = momentum * v1.get(name)[i] + g1.get(name)[i] * scale1 + decay * w1.get(name)[i];
                    assertEquals(w1.get(name)[i] - rate * v, w2.get(name)[i], 1e-5 + 1e-4 * Math.abs(w2.get(name)[i]), name + "[" + i + "]");
                }
            }
        }
    }

    private static ChildTrainingGraph trainerGraph(TensorFlowChildTrainer trainer) {
        return trainer.network();
    }

    /**
     * The gradients at the current weights, with the BN moving statistics as they are. Drop-path is off
     * and the batch fixed, so the next training step sees the same gradients.
     */
    private static Map<String, float[]> gradients(TensorFlowChildTrainer trainer, ChildTrainingGraph graph, Batch batch) {
        try (BatchFeeds feeds = new BatchFeeds(trainer.config().shape());
             TFloat32 keep = TFloat32.scalarOf(1f);
             org.tensorflow.types.TInt64 seed = org.tensorflow.types.TInt64.vectorOf(0, 0)) {
            BatchFeeds.Tensors inputs = feeds.fill(batch);
            Session.Runner runner = trainer.session().runner().feed(graph.images, inputs.images()).feed(graph.labels, inputs.oneHotLabels())
                    .feed(graph.keepProbability, keep).feed(graph.dropPathSeed, seed);
            graph.gradients.forEach(runner::fetch);
            Map<String, float[]> result = new LinkedHashMap<>();
            try (Result r = runner.run()) {
                List<String> names = graph.trainable;
                for (int i = 0; i < names.size(); i++) {
                    TFloat32 t = (TFloat32) r.get(i);
                    float[] values = new float[Math.toIntExact(t.shape().size())];
                    t.copyTo(DataBuffers.of(values, false, false));
                    result.put(names.get(i), values);
                }
            }
            return result;
        }
    }

    private static double clipScale(Map<String, float[]> gradients, double clip) {
        double squares = 0;
        for (float[] g : gradients.values()) {
            for (float v : g) {
                squares += (double) v * v;
            }
        }
        return Math.min(1, clip / (Math.sqrt(squares) + 1e-6));
    }
}
