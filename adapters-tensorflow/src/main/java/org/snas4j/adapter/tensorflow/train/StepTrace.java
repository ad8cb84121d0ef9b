package org.snas4j.adapter.tensorflow.train;

import java.util.Objects;
import org.snas4j.application.port.out.bench.OpTimeRecorder;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Runs a training step, traced by TensorFlow's step statistics while the recorder is recording: each
 * executed node's compute time is reported under its graph op's type. Untraced runs are plain runs.
 */
public final class StepTrace {

    private static final RunOptions FULL_TRACE = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();

    private final Graph graph;
    private final OpTimeRecorder recorder;

    public StepTrace(Graph graph, OpTimeRecorder recorder) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
    }

    /** {@code runner.run()}, traced into the recorder while it records; the caller closes the result. */
    public Result run(Session.Runner runner) {
        if (!recorder.recording()) {
            return runner.run();
        }
        Result result = runner.setOptions(FULL_TRACE).runAndFetchMetadata();
        try {
            RunMetadata metadata = result.getMetadata()
                    .orElseThrow(() -> new IllegalStateException("TensorFlow returned no step statistics for a traced run"));
            for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
                for (NodeExecStats node : device.getNodeStatsList()) {
                    recorder.opRan(typeOf(node.getNodeName()), node.getOpEndRelMicros());
                }
            }
            return result;
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
    }

    /** The node's op type; the executor's own nodes (e.g. "_SOURCE") are not graph ops and keep their name. */
    private String typeOf(String nodeName) {
        GraphOperation operation = graph.operation(nodeName);
        return operation == null ? nodeName : operation.type();
    }
}
