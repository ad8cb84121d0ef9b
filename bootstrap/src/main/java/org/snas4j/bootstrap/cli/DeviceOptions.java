package org.snas4j.bootstrap.cli;

import java.util.Locale;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.Device;
import picocli.CommandLine.Option;

/** Where TensorFlow runs: the device and thread flags shared by the commands that train a network. */
public final class DeviceOptions {

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu or gpu; gpu needs the jar built with -Pgpu (default: ${DEFAULT-VALUE}).")
    String device = "cpu";

    @Option(names = "--threads", paramLabel = "N", description = "TensorFlow threads, 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    Device device() {
        return parse(device);
    }

    /** {@code cpu} or {@code gpu}; anything else is refused naming {@code --device}. */
    static Device parse(String device) {
        return switch (device.toLowerCase(Locale.ROOT)) {
            case "cpu" -> Device.CPU;
            case "gpu" -> Device.GPU;
            default -> throw new InvalidInputException("--device", "unknown device '" + device + "' (expected cpu or gpu)");
        };
    }

    int threads() {
        return threads;
    }
}
