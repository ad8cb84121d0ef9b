package org.snas4j.application.port.out.progress;

import org.snas4j.application.port.in.retrain.RetrainEpochMetrics;
import org.snas4j.application.port.in.retrain.RetrainOutcome;

/** Observes a retraining run: progress bars, logs, tests. Every method has a no-op default. */
public interface RetrainListener {

    RetrainListener NONE = new RetrainListener() {
    };

    default void trainingStarted(RetrainStart start) {
    }

    /**
     * @param epoch 0-based epoch
     * @param step  1-based step within the epoch
     */
    default void stepFinished(int epoch, int step, int stepsPerEpoch, double loss, double accuracy) {
    }

    /**
     * One batch of an evaluation pass was handed to the network.
     *
     * @param epoch   0-based epoch (the last epoch for the final test pass)
     * @param pass    what the pass measures, e.g. "test images"
     * @param batch   1-based batch within the pass
     * @param batches batches in the pass
     */
    default void evaluationStep(int epoch, String pass, int batch, int batches) {
    }

    default void epochFinished(RetrainEpochMetrics metrics) {
    }

    default void trainingFinished(RetrainOutcome outcome) {
    }
}
