package org.snas4j.application.port.in.bench;

import java.util.Objects;

/**
 * The ops of one type in a traced training step, as the backend reports them.
 *
 * @param type         the backend's op type, e.g. "DepthwiseConv2dNativeBackpropFilter"
 * @param opsPerStep   how many such ops one step runs
 * @param millisPerStep their summed compute time per step (ops running side by side each count in full)
 */
public record OpTypeTime(String type, double opsPerStep, double millisPerStep) {

    public OpTypeTime {
        Objects.requireNonNull(type, "type");
        if (!(opsPerStep >= 0) || !(millisPerStep >= 0)) {
            throw new IllegalArgumentException("op counts and times are non-negative, got " + opsPerStep + " and " + millisPerStep);
        }
    }
}
