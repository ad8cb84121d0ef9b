package org.snas4j.application.service.device;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.device.DeviceAvailability;
import org.snas4j.application.port.out.device.DeviceInventory;

/** The device check against a mocked runtime. */
class DeviceCheckTest {

    private final DeviceAvailability availability = mock(DeviceAvailability.class);
    private final DeviceCheck check = new DeviceCheck(availability);

    @Test
    void theCpuIsAlwaysThereAndIsNotProbed() {
        check.requireAvailable(Device.CPU);
        verifyNoInteractions(availability);
    }

    @Test
    void aGpuTheRuntimeSeesIsAccepted() {
        when(availability.inventory()).thenReturn(new DeviceInventory("linux-x86_64-gpu", true, Set.of(Device.CPU, Device.GPU),
                List.of("CPU:0", "GPU:0")));
        assertDoesNotThrow(() -> check.requireAvailable(Device.GPU));
    }

    @Test
    void aMissingGpuOnTheCpuBuildIsRefusedInOneLineNamingTheBuildAndTheDevicesSeen() {
        when(availability.inventory()).thenReturn(new DeviceInventory("linux-x86_64", false, Set.of(Device.CPU), List.of("CPU:0")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> check.requireAvailable(Device.GPU));
        assertEquals(DeviceCheck.SETTING, e.source());
        assertTrue(e.problem().startsWith("gpu requested, but TensorFlow sees only CPU:0: this jar is the CPU build (TensorFlow native "
                + "linux-x86_64)"), e.problem());
        assertTrue(e.problem().contains("-Pgpu"), e.problem());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void aMissingGpuOnTheGpuBuildSaysThatNoCudaGpuIsVisible() {
        when(availability.inventory()).thenReturn(new DeviceInventory("linux-x86_64-gpu", true, Set.of(Device.CPU), List.of("CPU:0")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> check.requireAvailable(Device.GPU));
        assertTrue(e.problem().contains("this jar is the GPU build (TensorFlow native linux-x86_64-gpu), so no CUDA GPU is visible"),
                e.problem());
    }
}
