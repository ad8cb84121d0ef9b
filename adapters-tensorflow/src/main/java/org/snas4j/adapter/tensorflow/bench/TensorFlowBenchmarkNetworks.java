package org.snas4j.adapter.tensorflow.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snas4j.adapter.tensorflow.child.TensorFlowChildTrainer;
import org.snas4j.adapter.tensorflow.ops.NativeDepthwise;
import org.snas4j.adapter.tensorflow.supernet.TensorFlowSupernetTrainer;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.application.port.out.bench.BenchmarkNetworks;
import org.snas4j.application.port.out.bench.ExecutionOptions;
import org.snas4j.application.port.out.bench.OpTimeRecorder;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.ChildNetworkTrainer;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.tensorflow.TensorFlow;

/** The trainers search and train use, on session settings with a benchmark's execution switches. */
public final class TensorFlowBenchmarkNetworks implements BenchmarkNetworks {

    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowBenchmarkNetworks.class);

    @Override
    public SupernetTrainer supernet(SupernetConfig config, ExecutionOptions options, OpTimeRecorder recorder) {
        return new TensorFlowSupernetTrainer(config, settings(config.device(), config.threads(), options), recorder);
    }

    @Override
    public ChildNetworkTrainer child(ChildNetworkConfig config, ExecutionOptions options, OpTimeRecorder recorder) {
        return new TensorFlowChildTrainer(config, settings(config.device(), config.threads(), options), recorder);
    }

    @Override
    public String kernels() {
        String tensorFlow = "TensorFlow " + TensorFlow.version();
        if (NativeDepthwise.enabled()) {
            return tensorFlow + "; separable convolutions of training passes on snas4j's own CPU kernels";
        }
        String why = NativeDepthwise.loaded() ? "switched off by -D" + NativeDepthwise.SWITCH_PROPERTY + "=tensorflow"
                : NativeDepthwise.unavailableReason();
        return tensorFlow + "'s (snas4j's kernels: " + why + ")";
    }

    static SessionSettings settings(Device device, int threads, ExecutionOptions options) {
        if (options.xlaJit() && device == Device.CPU && !cpuJitEnabled()) {
            LOG.warn("XLA on the CPU needs the environment variable TF_XLA_FLAGS=--tf_xla_cpu_global_jit when the process starts; "
                    + "without it TensorFlow ignores the JIT level");
        }
        return SessionSettings.of(device, threads).with(options);
    }

    private static boolean cpuJitEnabled() {
        String flags = System.getenv("TF_XLA_FLAGS");
        return flags != null && flags.contains("--tf_xla_cpu_global_jit");
    }
}
