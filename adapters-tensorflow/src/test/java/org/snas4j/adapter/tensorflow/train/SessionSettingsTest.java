package org.snas4j.adapter.tensorflow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.device.Device;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ConfigProto;

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

    private static ConfigProto parse(byte[] bytes) {
        try {
            return ConfigProto.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
