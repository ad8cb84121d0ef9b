package org.snas4j.application.service.device;

import java.util.Locale;
import java.util.Objects;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.device.DeviceAvailability;
import org.snas4j.application.port.out.device.DeviceInventory;

/**
 * Refuses a device the runtime does not see, before any work: TensorFlow would otherwise place the
 * network on the CPU after a page of warnings while the run's configuration records the GPU.
 */
public final class DeviceCheck {

    /** The setting the refusal names; the command line maps it to its flag. */
    public static final String SETTING = "device";

    private final DeviceAvailability availability;

    public DeviceCheck(DeviceAvailability availability) {
        this.availability = Objects.requireNonNull(availability, "availability");
    }

    /**
     * Returns when a network can run on {@code device}; once it has, the device recorded with a run is
     * the device it ran on.
     *
     * @throws InvalidSettingException naming {@link #SETTING}, which build this is and which devices the runtime sees
     */
    public void requireAvailable(Device device) {
        Objects.requireNonNull(device, "device");
        if (device == Device.CPU) {
            // TensorFlow always has a CPU device; probing would start a session (and CUDA, on the GPU build) for nothing.
            return;
        }
        DeviceInventory inventory = availability.inventory();
        if (inventory.devices().contains(device)) {
            return;
        }
        String requested = device.name().toLowerCase(Locale.ROOT);
        String seen = inventory.deviceNames().isEmpty() ? "no device at all" : "only " + String.join(", ", inventory.deviceNames());
        String build = inventory.gpuBuild()
                ? "the GPU build (TensorFlow native " + inventory.nativeBuild() + "), so no CUDA GPU is visible to this process"
                : "the CPU build (TensorFlow native " + inventory.nativeBuild() + "), which cannot use a GPU; the GPU build is made with -Pgpu";
        throw new InvalidSettingException(SETTING, requested + " requested, but TensorFlow sees " + seen + ": this jar is " + build);
    }
}
