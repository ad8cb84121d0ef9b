package org.snas4j.application.port.in.bench;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.snas4j.domain.space.NetworkShape;

/**
 * The timing of one network at one shape and batch.
 *
 * @param shape                 the network's shape
 * @param batch                 images per step
 * @param parameters            trainable weights
 * @param buildSeconds          graph construction and weight initialisation
 * @param firstStepSeconds      the first warm-up step (the backend's one-off set-up included)
 * @param stepMillis            every timed training step, in order
 * @param cpuSecondsPerStep     process CPU time over the timed steps, per step (all threads)
 * @param evaluationMillis      median inference pass over one batch (no update), 0 when none was timed
 * @param peakResidentBytes     the process's peak resident memory after the timed steps
 * @param multiplyAddsPerImage  forward-pass multiply-adds of one image (see {@code NetworkMultiplyAdds})
 * @param firstLoss             training loss of the first step (the same batch every step, so the loss falls:
 *                              a check that the step computes, and a way to compare numerics such as bfloat16)
 * @param lastLoss              training loss of the last timed step
 */
public record NetworkMeasurement(NetworkShape shape, int batch, long parameters, double buildSeconds, double firstStepSeconds,
                                 List<Double> stepMillis, double cpuSecondsPerStep, double evaluationMillis,
                                 OptionalLong peakResidentBytes, double multiplyAddsPerImage, double firstLoss, double lastLoss) {

    /** A training step does about three forward passes of arithmetic: the forward, the input gradients, the weight gradients. */
    public static final int TRAINING_STEP_PASSES = 3;

    public NetworkMeasurement {
        Objects.requireNonNull(shape, "shape");
        stepMillis = List.copyOf(stepMillis);
        Objects.requireNonNull(peakResidentBytes, "peakResidentBytes");
        if (stepMillis.isEmpty()) {
            throw new IllegalArgumentException("no timed step");
        }
    }

    /** The median timed step. */
    public double medianMillis() {
        return median(stepMillis);
    }

    public double minMillis() {
        return stepMillis.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    public double maxMillis() {
        return stepMillis.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    /** Images trained per second of wall time, at the median step. */
    public double imagesPerSecond() {
        return batch * 1000.0 / medianMillis();
    }

    /** Floating-point operations of one training step: 2 per multiply-add, {@value #TRAINING_STEP_PASSES} passes, every image. */
    public double flopsPerStep() {
        return 2.0 * TRAINING_STEP_PASSES * multiplyAddsPerImage * batch;
    }

    /** {@link #flopsPerStep()} per second of the median step. */
    public double flopsPerSecond() {
        return flopsPerStep() * 1000.0 / medianMillis();
    }

    /** The median of a non-empty list: the middle value, or the mean of the two middle values. */
    public static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
