package org.snas4j.application.port.out.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

/** What every {@link HostMetrics} adapter must do on the machine the tests run on. */
public abstract class HostMetricsContract {

    private static final long SPIN_CPU_NANOS = 100_000_000L;

    protected abstract HostMetrics metrics();

    @Test
    void cpuTimeGrowsWithWorkOnAnyThread() throws InterruptedException {
        HostMetrics metrics = metrics();
        long before = metrics.processCpuNanos();
        Thread worker = new Thread(HostMetricsContract::spin);
        worker.start();
        worker.join();
        long used = metrics.processCpuNanos() - before;
        assertTrue(used >= SPIN_CPU_NANOS, "a thread used " + SPIN_CPU_NANOS + " ns of CPU; the process " + used + " ns");
    }

    @Test
    void peakMemoryCoversWhatWasTouched() {
        byte[] block = new byte[64 << 20];
        for (int i = 0; i < block.length; i += 4096) {
            block[i] = 1;
        }
        metrics().peakResidentBytes().ifPresent(peak -> assertTrue(peak >= block.length, "peak " + peak + " bytes"));
    }

    @Test
    void describesTheMachine() {
        HostMetrics metrics = metrics();
        assertFalse(metrics.processorModel().isBlank());
        assertEquals(Runtime.getRuntime().availableProcessors(), metrics.processors());
        metrics.loadAverage().ifPresent(load -> assertTrue(load >= 0, "load " + load));
    }

    /** Spins until this thread itself has used {@link #SPIN_CPU_NANOS} of CPU, however busy the machine is. */
    private static void spin() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double x = 0;
        while (threads.getCurrentThreadCpuTime() < SPIN_CPU_NANOS) {
            x += Math.sqrt(x + 1);
        }
        if (x < 0) {
            throw new AssertionError();
        }
    }
}
