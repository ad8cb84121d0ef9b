package org.snas4j.application.port.in.bench;

import java.util.List;
import java.util.Objects;

/**
 * The values a scaling table varies, one dimension at a time from the benchmark's own shape and batch.
 *
 * @param layers   cell counts
 * @param channels initial channel counts C
 * @param batches  batch sizes
 * @param steps    timed steps per row (after the request's warm-up)
 */
public record ScalingPlan(List<Integer> layers, List<Integer> channels, List<Integer> batches, int steps) {

    public ScalingPlan {
        layers = List.copyOf(Objects.requireNonNull(layers, "layers"));
        channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
        batches = List.copyOf(Objects.requireNonNull(batches, "batches"));
    }
}
