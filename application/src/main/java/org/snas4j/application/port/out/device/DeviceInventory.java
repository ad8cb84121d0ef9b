package org.snas4j.application.port.out.device;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the network runtime can run on, as it sees it now.
 *
 * @param nativeBuild the runtime's native build, e.g. "linux-x86_64" (CPU only) or "linux-x86_64-gpu" (CUDA)
 * @param gpuBuild    true when that build can use a GPU at all
 * @param devices     the kinds of device the runtime sees
 * @param deviceNames the runtime's names of those devices, e.g. "CPU:0", "GPU:0", for messages
 */
public record DeviceInventory(String nativeBuild, boolean gpuBuild, Set<Device> devices, List<String> deviceNames) {

    public DeviceInventory {
        Objects.requireNonNull(nativeBuild, "nativeBuild");
        devices = Set.copyOf(devices);
        deviceNames = List.copyOf(deviceNames);
    }
}
