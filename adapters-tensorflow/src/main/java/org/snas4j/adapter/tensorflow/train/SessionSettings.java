package org.snas4j.adapter.tensorflow.train;

import java.util.Objects;
import org.snas4j.application.port.out.bench.ExecutionOptions;
import org.snas4j.application.port.out.device.Device;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * How a session runs a graph: device, thread pools, whether TensorFlow's graph optimiser
 * (Grappler) rewrites the graph before the first step, and the switches a benchmark compares.
 *
 * @param device          CPU or GPU (GPU needs the {@code linux-x86_64-gpu} native build)
 * @param intraOpThreads  threads one op may use; 0 lets TensorFlow choose
 * @param interOpThreads  ops run concurrently; 0 lets TensorFlow choose
 * @param optimiseGraph   run Grappler before the first step. Measured on the supernets of BENCHMARKS.md
 *                        it saved no CPU time per step but cost 5-20 s at the first step and 0.1-0.4 GB
 *                        of memory, so {@link #of} leaves it off
 * @param xlaJit          XLA auto-clustering (global JIT level ON_1). On a CPU TensorFlow only honours it
 *                        when the process started with {@code TF_XLA_FLAGS=--tf_xla_cpu_global_jit}
 * @param bfloat16        Grappler's oneDNN bfloat16 rewrite (convolutions, matrix products and their
 *                        gradients in bfloat16, variables and the update in float32); runs the rewrite
 *                        even when {@code optimiseGraph} is off
 */
public record SessionSettings(Device device, int intraOpThreads, int interOpThreads, boolean optimiseGraph, boolean xlaJit,
                              boolean bfloat16) {

    public SessionSettings {
        Objects.requireNonNull(device, "device");
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be 0 (TensorFlow's choice) or positive, got "
                    + intraOpThreads + " and " + interOpThreads);
        }
    }

    /**
     * The settings for a port's device and thread budget, without Grappler: {@code threads} ops run at
     * once (0: one per available core), each single-threaded. Two reasons:
     * <ul>
     * <li>a supernet step is thousands of small independent ops (every edge computes every
     *     candidate); on 2 cores running ops side by side beat splitting each op (BENCHMARKS.md);</li>
     * <li>with more than one intra-op thread, TensorFlow 1.1.0's oneDNN kernels crashed the JVM
     *     (SIGSEGV in {@code jit_avx512_common_1x1_convolution_bwd_weights_t}) when a session ran
     *     after other sessions of the same process had been closed; single-threaded ops never did.</li>
     * </ul>
     */
    public static SessionSettings of(Device device, int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (one per core) or positive, got " + threads);
        }
        int concurrentOps = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        return new SessionSettings(device, 1, concurrentOps, false, false, false);
    }

    public SessionSettings withGraphOptimisation(boolean optimise) {
        return new SessionSettings(device, intraOpThreads, interOpThreads, optimise, xlaJit, bfloat16);
    }

    /** These settings with a benchmark's execution switches. */
    public SessionSettings with(ExecutionOptions options) {
        return new SessionSettings(device, intraOpThreads, interOpThreads, options.graphOptimiser(), options.xlaJit(), options.bfloat16());
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
        RewriterConfig.Builder rewrites = RewriterConfig.newBuilder();
        if (bfloat16) {
            rewrites.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
            if (!optimiseGraph) {
                // A non-empty list runs these optimisers only, instead of Grappler's default set.
                rewrites.addOptimizers("auto_mixed_precision_onednn_bfloat16");
            }
        } else if (!optimiseGraph) {
            rewrites.setDisableMetaOptimizer(true);
        }
        GraphOptions.Builder graphOptions = GraphOptions.newBuilder().setRewriteOptions(rewrites);
        if (xlaJit) {
            graphOptions.setOptimizerOptions(OptimizerOptions.newBuilder().setGlobalJitLevel(OptimizerOptions.GlobalJitLevel.ON_1));
        }
        config.setGraphOptions(graphOptions);
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
