package org.snas4j.adapter.tensorflow.child;

import org.snas4j.application.port.out.Device;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/** The session configuration for a device choice and a thread count. */
final class SessionSettings {

    private SessionSettings() {
    }

    /**
     * CPU hides every GPU from the session; GPU lets TensorFlow place ops on the first GPU and grow its
     * memory as needed. {@code threads} = 0 leaves the intra-op thread count to TensorFlow.
     */
    static ConfigProto of(Device device, int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        ConfigProto.Builder config = ConfigProto.newBuilder().setAllowSoftPlacement(true);
        if (threads > 0) {
            config.setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(Math.min(threads, 2));
        }
        if (device == Device.CPU) {
            config.putDeviceCount("GPU", 0);
        } else {
            config.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
        }
        return config.build();
    }
}
