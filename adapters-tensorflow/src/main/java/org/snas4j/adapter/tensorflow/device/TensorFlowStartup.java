package org.snas4j.adapter.tensorflow.device;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Starts TensorFlow's native library: loads it and runs one tiny graph, so the one-time notices it
 * writes at start-up (oneDNN, CPU features, absl, MLIR) are written now, at a moment the console
 * chooses, rather than in the middle of a run. The session uses the device probe's settings, so it
 * does not size TensorFlow's shared thread pools for the run.
 */
public final class TensorFlowStartup {

    private TensorFlowStartup() {
    }

    public static void warmUp() {
        try (Graph graph = new Graph(); Session session = new Session(graph, TensorFlowDevices.probeConfig())) {
            Ops tf = Ops.create(graph);
            try (Result ignored = session.runner().fetch(tf.constant(1f)).run()) {
                // Running a graph once triggers the graph optimiser's notices too.
            }
        }
    }
}
