package org.snas4j.adapter.tensorflow.testing;

import java.util.function.Supplier;
import org.snas4j.adapter.tensorflow.ops.NativeDepthwise;

/** Builds and runs graphs on TensorFlow's own kernels, as {@code -Dsnas4j.depthwise=tensorflow} does. */
public final class TensorFlowKernels {

    private TensorFlowKernels() {
    }

    /** Runs {@code test} with this project's native kernels switched off. */
    public static void run(Runnable test) {
        get(() -> {
            test.run();
            return null;
        });
    }

    /** {@code test}'s result with this project's native kernels switched off. */
    public static <T> T get(Supplier<T> test) {
        String before = System.getProperty(NativeDepthwise.SWITCH_PROPERTY);
        System.setProperty(NativeDepthwise.SWITCH_PROPERTY, "tensorflow");
        try {
            return test.get();
        } finally {
            if (before == null) {
                System.clearProperty(NativeDepthwise.SWITCH_PROPERTY);
            } else {
                System.setProperty(NativeDepthwise.SWITCH_PROPERTY, before);
            }
        }
    }
}
