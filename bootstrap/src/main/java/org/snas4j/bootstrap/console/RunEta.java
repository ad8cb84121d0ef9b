package org.snas4j.bootstrap.console;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * The whole run's estimated time remaining: the training steps left at the mean time of the steps
 * this process has done, plus the evaluations left (one per epoch) at the time the last one took
 * (held-out passes, calibrations and the checkpoint: from an epoch's last step to its end). Until
 * one evaluation has been timed the estimate covers the steps only, and says so ("at least").
 */
final class RunEta {

    private final LongSupplier nanoTime;
    private int epochs;
    private int stepsPerEpoch;
    private long lastStepNanos = -1;
    private int lastStepEpoch = -1;
    private double stepSeconds;
    private int timedSteps;
    private double evaluationSeconds = Double.NaN;

    RunEta(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    void started(int runEpochs, int runStepsPerEpoch) {
        this.epochs = runEpochs;
        this.stepsPerEpoch = runStepsPerEpoch;
    }

    /** A training step ended. Only the time between two steps of one epoch counts as step time. */
    void stepDone(int epoch) {
        long now = nanoTime.getAsLong();
        if (lastStepEpoch == epoch && lastStepNanos >= 0) {
            stepSeconds += (now - lastStepNanos) / 1e9;
            timedSteps++;
        }
        lastStepNanos = now;
        lastStepEpoch = epoch;
    }

    /** An epoch ended: the time since its last step was its evaluation. */
    void epochDone() {
        if (lastStepNanos >= 0) {
            evaluationSeconds = (nanoTime.getAsLong() - lastStepNanos) / 1e9;
        }
        lastStepNanos = -1;
    }

    /** Seconds left after {@code step} (1-based) of {@code epoch} (0-based); empty until two steps were timed. */
    OptionalDouble remainingSeconds(int epoch, int step) {
        if (timedSteps == 0 || stepsPerEpoch == 0) {
            return OptionalDouble.empty();
        }
        long stepsLeft = (long) (stepsPerEpoch - step) + (long) (epochs - epoch - 1) * stepsPerEpoch;
        int evaluationsLeft = epochs - epoch;
        double evaluations = Double.isNaN(evaluationSeconds) ? 0 : evaluationsLeft * evaluationSeconds;
        return OptionalDouble.of(stepsLeft * (stepSeconds / timedSteps) + evaluations);
    }

    /** E.g. "run ~1h02m left", "run >= 4m10s left" before an evaluation was timed, or "" before any step was. */
    String describe(int epoch, int step) {
        OptionalDouble left = remainingSeconds(epoch, step);
        if (left.isEmpty()) {
            return "";
        }
        return (Double.isNaN(evaluationSeconds) ? "run >= " : "run ~") + duration(left.getAsDouble()) + " left";
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
