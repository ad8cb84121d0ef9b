package org.snas4j.adapter.tensorflow.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.device.DeviceInventory;
import org.tensorflow.proto.ConfigProto;

/** The devices of this machine as TensorFlow lists them. */
class TensorFlowDevicesTest {

    @Test
    void theRuntimeSeesItsCpuAndNamesItsBuild() {
        DeviceInventory inventory = new TensorFlowDevices().inventory();
        assertTrue(inventory.nativeBuild().startsWith("linux-x86_64"), inventory.nativeBuild());
        assertEquals(inventory.nativeBuild().endsWith("-gpu"), inventory.gpuBuild());
        assertTrue(inventory.devices().contains(Device.CPU), inventory.toString());
        assertTrue(inventory.deviceNames().contains("CPU:0"), inventory.deviceNames().toString());
        assertEquals(inventory.deviceNames().stream().anyMatch(name -> name.startsWith("GPU:")), inventory.devices().contains(Device.GPU));
        if (!inventory.gpuBuild()) {
            assertFalse(inventory.devices().contains(Device.GPU), "the CPU build never sees a GPU: " + inventory);
        }
    }

    @Test
    void theProbeUsesOneIntraOpThreadAndItsOwnInterOpPool() {
        // The first session of a process sizes TensorFlow's shared pools; more than one intra-op thread crashed oneDNN kernels.
        ConfigProto config = TensorFlowDevices.probeConfig();
        assertEquals(1, config.getIntraOpParallelismThreads());
        assertTrue(config.getUsePerSessionThreads());
        assertFalse(config.getDeviceCountMap().containsKey("GPU"), "GPUs stay visible to the probe");
        assertTrue(config.getGpuOptions().getAllowGrowth());
    }

    @Test
    void deviceNamesAreShortened() {
        assertEquals("GPU:1", TensorFlowDevices.shortName("/job:localhost/replica:0/task:0/device:GPU:1"));
        assertEquals("odd", TensorFlowDevices.shortName("odd"));
    }
}
