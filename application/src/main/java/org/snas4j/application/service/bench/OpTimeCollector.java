package org.snas4j.application.service.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.snas4j.application.port.in.bench.OpProfile;
import org.snas4j.application.port.in.bench.OpTypeTime;
import org.snas4j.application.port.out.bench.OpTimeRecorder;

/** Sums the traced ops' count and time per op type, while switched on. */
final class OpTimeCollector implements OpTimeRecorder {

    private final Map<String, long[]> countAndMicros = new TreeMap<>();
    private boolean recording;
    private double tracedMillis;

    void start() {
        recording = true;
    }

    /** Recording ends; the steps recorded since {@link #start()} took {@code millis} of wall time. */
    void stop(double millis) {
        recording = false;
        tracedMillis += millis;
    }

    @Override
    public boolean recording() {
        return recording;
    }

    @Override
    public void opRan(String type, long microseconds) {
        if (!recording) {
            throw new IllegalStateException("an op time arrived while not recording");
        }
        long[] totals = countAndMicros.computeIfAbsent(type, t -> new long[2]);
        totals[0]++;
        totals[1] += microseconds;
    }

    /** Per step of the {@code steps} traced ones. */
    OpProfile profile(int steps) {
        List<OpTypeTime> types = new ArrayList<>(countAndMicros.size());
        countAndMicros.forEach((type, totals) -> types.add(new OpTypeTime(type, (double) totals[0] / steps, totals[1] / 1000.0 / steps)));
        return new OpProfile(steps, tracedMillis / steps, types);
    }
}
