package org.snas4j.application.port.in.bench;

import java.util.Comparator;
import java.util.List;

/**
 * Where a training step's compute time goes, per op type, from {@code steps} traced steps: the types
 * by descending time. Tracing times every op and so slows a step, small ops most: the shares are the
 * figure to read; the summed op time exceeds the step's wall time when ops run side by side.
 *
 * @param steps            traced steps
 * @param tracedStepMillis mean wall time of a traced step
 * @param types            per op type, sorted by descending time
 */
public record OpProfile(int steps, double tracedStepMillis, List<OpTypeTime> types) {

    public OpProfile {
        if (steps <= 0) {
            throw new IllegalArgumentException("a profile needs at least one traced step, got " + steps);
        }
        if (!(tracedStepMillis >= 0)) {
            throw new IllegalArgumentException("a traced step's time is non-negative, got " + tracedStepMillis);
        }
        types = types.stream().sorted(Comparator.comparingDouble(OpTypeTime::millisPerStep).reversed()
                .thenComparing(OpTypeTime::type)).toList();
    }

    /** Summed compute time of every op of a step. */
    public double millisPerStep() {
        return types.stream().mapToDouble(OpTypeTime::millisPerStep).sum();
    }

    /** Ops one step runs. */
    public double opsPerStep() {
        return types.stream().mapToDouble(OpTypeTime::opsPerStep).sum();
    }
}
