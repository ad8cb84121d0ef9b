package org.snas4j.adapter.tensorflow.train;

import java.util.Objects;
import org.snas4j.application.port.out.Device;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * How a session runs a graph: device, thread pools and whether TensorFlow's graph optimiser
 * (Grappler) rewrites the graph before the first step.
 *
 * @param device          CPU or GPU (GPU needs the {@code linux-x86_64-gpu} native build)
 * @param intraOpThreads  threads one op may use; 0 lets TensorFlow choose
 * @param interOpThreads  ops run concurrently; 0 lets TensorFlow choose
 * @param optimiseGraph   run Grappler: about 20% faster steps for a one-off cost of seconds to tens
 *                        of seconds at the first step of a supernet; tests turn it off
 */
public record SessionSettings(Device device, int intraOpThreads, int interOpThreads, boolean optimiseGraph) {

    public SessionSettings {
        Objects.requireNonNull(device, "device");
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be 0 (TensorFlow's choice) or positive, got "
                    + intraOpThreads + " and " + interOpThreads);
        }
    }

    /**
     * The settings for a port's device and thread budget. A positive {@code threads} runs that many ops
     * at once, each single-threaded: a supernet step is thousands of small independent ops (every
     * edge computes every candidate), and on 2 cores running ops side by side beat splitting each op
     * (see BENCHMARKS.md). 0 leaves both pools to TensorFlow.
     */
    public static SessionSettings of(Device device, int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (TensorFlow's choice) or positive, got " + threads);
        }
        return threads == 0 ? new SessionSettings(device, 0, 0, true) : new SessionSettings(device, 1, threads, true);
    }

    public SessionSettings withGraphOptimisation(boolean optimise) {
        return new SessionSettings(device, intraOpThreads, interOpThreads, optimise);
    }

    public SessionSettings withThreads(int intraOp, int interOp) {
        return new SessionSettings(device, intraOp, interOp, optimiseGraph);
    }

    /**
     * The session configuration. CPU hides any GPU; GPU lets memory grow on demand. Soft placement
     * lets ops without a kernel on the chosen device fall back to the CPU.
     */
    public ConfigProto toConfigProto() {
        ConfigProto.Builder config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads)
                .setAllowSoftPlacement(true);
        if (!optimiseGraph) {
            config.setGraphOptions(GraphOptions.newBuilder()
                    .setRewriteOptions(RewriterConfig.newBuilder().setDisableMetaOptimizer(true)));
        }
        if (device == Device.CPU) {
            config.putDeviceCount("GPU", 0);
        } else {
            config.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
        }
        return config.build();
    }

    /** Where the graph's ops are pinned: /device:CPU:0 or /device:GPU:0. */
    public DeviceSpec placement() {
        return DeviceSpec.newBuilder()
                .deviceType(device == Device.GPU ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU)
                .deviceIndex(0)
                .build();
    }
}
