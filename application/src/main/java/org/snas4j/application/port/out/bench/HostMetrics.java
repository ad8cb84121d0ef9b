package org.snas4j.application.port.out.bench;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/** What the operating system says about this process and its machine. */
public interface HostMetrics {

    /** CPU time of the whole process, all threads (native ones included), in nanoseconds. */
    long processCpuNanos();

    /** Peak resident memory of the process so far (Linux VmHWM), where the system tells. */
    OptionalLong peakResidentBytes();

    /** The 1-minute load average, where the system tells. */
    OptionalDouble loadAverage();

    /** The processor's model name, e.g. "AMD EPYC", or "unknown". */
    String processorModel();

    /** Processors available to this process. */
    int processors();
}
