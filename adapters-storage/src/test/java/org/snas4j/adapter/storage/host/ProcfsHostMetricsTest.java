package org.snas4j.adapter.storage.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.port.out.bench.HostMetrics;
import org.snas4j.application.port.out.bench.HostMetricsContract;

class ProcfsHostMetricsTest extends HostMetricsContract {

    @Override
    protected HostMetrics metrics() {
        return new ProcfsHostMetrics();
    }

    @Test
    void readsPeakMemoryAndProcessorFromProcfs(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/status"), "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  2048 kB\nVmRSS:\t 1024 kB\n");
        Files.writeString(proc.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\n\nprocessor\t: 1\nmodel name\t: AMD EPYC\n");

        ProcfsHostMetrics metrics = new ProcfsHostMetrics(proc);

        assertEquals(OptionalLong.of(2048 * 1024), metrics.peakResidentBytes());
        assertEquals("AMD EPYC", metrics.processorModel());
    }

    @Test
    void withoutProcfsPeakMemoryAndProcessorAreUnknown(@TempDir Path empty) {
        ProcfsHostMetrics metrics = new ProcfsHostMetrics(empty);

        assertEquals(OptionalLong.empty(), metrics.peakResidentBytes());
        assertEquals("unknown", metrics.processorModel());
    }
}
