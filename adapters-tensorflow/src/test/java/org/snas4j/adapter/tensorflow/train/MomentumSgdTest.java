package org.snas4j.adapter.tensorflow.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.adapter.tensorflow.ops.WeightInit;
import org.snas4j.application.port.out.device.Device;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The in-graph update against the PyTorch sequence written out by hand: clip the raw gradient's
 * global norm, add weight decay, momentum buffer, step.
 */
class MomentumSgdTest {

    @Test
    void matchesClipThenDecayThenMomentumAsInTheAuthorsCode() {
        float[] a0 = {1f, -2f};
        float[] b0 = {0.5f};
        double momentum = 0.9;
        double decay = 0.1;
        double clip = 1.0;
        float lr = 0.5f;
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            VariableStore store = new VariableStore(tf);
            var a = store.trainable("a", Shape.of(2), WeightInit.constant(0f));
            var b = store.trainable("b", Shape.of(1), WeightInit.constant(0f));
            // loss = 3 * sum(a) + 4 * sum(b): raw gradients (3, 3) and (4), global norm sqrt(34).
            Operand<TFloat32> loss = tf.math.add(tf.math.mul(tf.constant(3f), tf.sum(a, tf.constant(0))),
                    tf.math.mul(tf.constant(4f), tf.sum(b, tf.constant(0))));
            var gradients = graph.addGradients(loss.asOutput(), new org.tensorflow.Output<?>[] {a.asOutput(), b.asOutput()});
            Placeholder<TFloat32> rate = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            MomentumSgd.Update update = MomentumSgd.build(tf, store, List.of("a", "b"),
                    List.of(gradients[0].expect(TFloat32.class), gradients[1].expect(TFloat32.class)), rate,
                    new MomentumSgd.Hyperparameters(momentum, decay, clip));
            try (Session session = new Session(graph, SessionSettings.of(Device.CPU, 1).toConfigProto())) {
                store.initialize(session, 1);
                Map<String, float[]> values = new LinkedHashMap<>(store.read(session));
                values.put("a", a0);
                values.put("b", b0);
                store.write(session, values);
                double[] wa = {a0[0], a0[1]};
                double wb = b0[0];
                double[] va = new double[2];
                double vb = 0;
                for (int step = 0; step < 2; step++) {
                    try (TFloat32 r = TFloat32.scalarOf(lr); Result result = session.runner().feed(rate, r)
                            .fetch(update.gradientNorm()).addTarget(update.step()).run()) {
                        assertEquals(Math.sqrt(34), ((TFloat32) result.get(0)).getFloat(), 1e-5);
                    }
                    double factor = Math.min(1, clip / (Math.sqrt(34) + 1e-6));
                    for (int i = 0; i < 2; i++) {
                        va[i] = momentum * va[i] + (3 * factor + decay * wa[i]);
                        wa[i] -= lr * va[i];
                    }
                    vb = momentum * vb + (4 * factor + decay * wb);
                    wb -= lr * vb;
                }
                Map<String, float[]> after = store.read(session);
                assertArrayEquals(new float[] {(float) wa[0], (float) wa[1]}, after.get("a"), 1e-6f);
                assertArrayEquals(new float[] {(float) wb}, after.get("b"), 1e-6f);
                assertArrayEquals(new float[] {(float) va[0], (float) va[1]}, after.get("momentum/a"), 1e-6f);
            }
        }
    }

    @Test
    void refusesNonsensicalHyperparameters() {
        assertThrows(IllegalArgumentException.class, () -> new MomentumSgd.Hyperparameters(1.0, 3e-4, 5));
        assertThrows(IllegalArgumentException.class, () -> new MomentumSgd.Hyperparameters(0.9, -1, 5));
        assertThrows(IllegalArgumentException.class, () -> new MomentumSgd.Hyperparameters(0.9, 3e-4, Double.NaN));
    }
}
