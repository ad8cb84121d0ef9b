package org.snas4j.adapter.storage.host;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.snas4j.application.port.out.bench.HostMetrics;

/**
 * The process's CPU time from the JVM (which counts every thread of the process, TensorFlow's
 * native ones included), and from Linux's procfs its peak resident memory ({@code VmHWM} of
 * {@code /proc/self/status}) and the processor's model ({@code /proc/cpuinfo}). Elsewhere those two
 * are empty and "unknown".
 */
public final class ProcfsHostMetrics implements HostMetrics {

    private final Path proc;
    private final OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();

    public ProcfsHostMetrics() {
        this(Path.of("/proc"));
    }

    /** Reads procfs under {@code proc} (tests give a directory shaped like it). */
    ProcfsHostMetrics(Path proc) {
        this.proc = proc;
    }

    @Override
    public long processCpuNanos() {
        if (system instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return hotspot.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report the process's CPU time");
    }

    @Override
    public OptionalLong peakResidentBytes() {
        // "VmHWM:     123456 kB"
        return field(proc.resolve("self/status"), "VmHWM")
                .map(value -> OptionalLong.of(Long.parseLong(value.replace("kB", "").trim()) * 1024))
                .orElse(OptionalLong.empty());
    }

    @Override
    public OptionalDouble loadAverage() {
        double load = system.getSystemLoadAverage();
        return load >= 0 ? OptionalDouble.of(load) : OptionalDouble.empty();
    }

    @Override
    public String processorModel() {
        return field(proc.resolve("cpuinfo"), "model name").orElse("unknown");
    }

    @Override
    public int processors() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The value of the first "name: value" line of a procfs file, if the file and the line exist. */
    private static Optional<String> field(Path file, String name) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }
}
