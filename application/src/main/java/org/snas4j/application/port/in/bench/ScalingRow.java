package org.snas4j.application.port.in.bench;

import java.util.Objects;

/**
 * One row of a scaling table: the benchmark's network with one dimension changed.
 *
 * @param dimension   "layers", "channels" or "batch"
 * @param value       that dimension's value in this row
 * @param measurement the timing (its peak memory is the process's so far, so not per row)
 */
public record ScalingRow(String dimension, int value, NetworkMeasurement measurement) {

    public ScalingRow {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(measurement, "measurement");
    }
}
