package org.snas4j.adapter.tensorflow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.bench.ExecutionOptions;
import org.snas4j.application.port.out.device.Device;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.OptimizerOptions;
import org.tensorflow.proto.RewriterConfig;

/** Builds TensorFlow's own ConfigProto (protobuf on the class path must fit TensorFlow's). */
class SessionSettingsTest {

    @Test
    void threadBudgetRunsThatManySingleThreadedOpsAtOnce() {
        SessionSettings two = SessionSettings.of(Device.CPU, 2);
        assertEquals(1, two.intraOpThreads());
        assertEquals(2, two.interOpThreads());
        assertEquals(Runtime.getRuntime().availableProcessors(), SessionSettings.of(Device.CPU, 0).interOpThreads());
        assertThrows(IllegalArgumentException.class, () -> SessionSettings.of(Device.CPU, -1));
    }

    @Test
    void cpuHidesGpusAndGpuGrowsMemoryOnDemand() {
        ConfigProto cpu = SessionSettings.of(Device.CPU, 2).toConfigProto();
        assertEquals(0, cpu.getDeviceCountOrThrow("GPU"));
        assertEquals(2, cpu.getInterOpParallelismThreads());
        assertTrue(cpu.getAllowSoftPlacement());
        ConfigProto gpu = SessionSettings.of(Device.GPU, 2).toConfigProto();
        assertFalse(gpu.containsDeviceCount("GPU"));
        assertTrue(gpu.getGpuOptions().getAllowGrowth());
        assertEquals(DeviceSpec.DeviceType.GPU, SessionSettings.of(Device.GPU, 1).placement().deviceType());
        assertEquals(DeviceSpec.DeviceType.CPU, SessionSettings.of(Device.CPU, 1).placement().deviceType());
    }

    @Test
    void graphOptimisationIsOffUnlessAskedFor() {
        assertTrue(SessionSettings.of(Device.CPU, 1).toConfigProto().getGraphOptions().getRewriteOptions().getDisableMetaOptimizer());
        assertFalse(SessionSettings.of(Device.CPU, 1).withGraphOptimisation(true).toConfigProto()
                .getGraphOptions().getRewriteOptions().getDisableMetaOptimizer());
        // The serialised form parses back: TensorFlow reads it in the native session.
        ConfigProto config = SessionSettings.of(Device.CPU, 3).toConfigProto();
        assertEquals(config, parse(config.toByteArray()));
    }

    @Test
    void executionSwitchesReachTheSessionConfiguration() {
        ConfigProto bfloat16 = SessionSettings.of(Device.CPU, 1).with(new ExecutionOptions(false, false, true)).toConfigProto();
        RewriterConfig rewrites = bfloat16.getGraphOptions().getRewriteOptions();
        assertFalse(rewrites.getDisableMetaOptimizer());
        assertEquals(RewriterConfig.Toggle.ON, rewrites.getAutoMixedPrecisionOnednnBfloat16());
        assertEquals(List.of("auto_mixed_precision_onednn_bfloat16"), rewrites.getOptimizersList(), "only the bfloat16 rewrite");
        assertTrue(SessionSettings.of(Device.CPU, 1).with(new ExecutionOptions(true, false, true)).toConfigProto()
                .getGraphOptions().getRewriteOptions().getOptimizersList().isEmpty(), "with Grappler: its default set and the rewrite");

        ConfigProto xla = SessionSettings.of(Device.CPU, 1).with(new ExecutionOptions(false, true, false)).toConfigProto();
        assertEquals(OptimizerOptions.GlobalJitLevel.ON_1, xla.getGraphOptions().getOptimizerOptions().getGlobalJitLevel());
        assertEquals(OptimizerOptions.GlobalJitLevel.DEFAULT,
                SessionSettings.of(Device.CPU, 1).toConfigProto().getGraphOptions().getOptimizerOptions().getGlobalJitLevel());
        assertEquals(SessionSettings.of(Device.CPU, 2), SessionSettings.of(Device.CPU, 2).with(ExecutionOptions.STANDARD));
    }

    private static ConfigProto parse(byte[] bytes) {
        try {
            return ConfigProto.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
