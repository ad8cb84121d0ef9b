package org.snas4j.application.port.out.progress;

import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchOutcome;
import org.snas4j.domain.genotype.Genotype;

/** Observes a search: progress bars, logs and tests listen here. Every method has a no-op default. */
public interface SearchListener {

    SearchListener NONE = new SearchListener() {
    };

    default void searchStarted(SearchStart start) {
    }

    /**
     * @param epoch         0-based epoch
     * @param step          1-based step within the epoch
     * @param stepsPerEpoch steps in this epoch
     * @param loss          training loss of this step
     * @param accuracy      training accuracy of this step
     * @param temperature   tau of this epoch
     */
    default void stepFinished(int epoch, int step, int stepsPerEpoch, double loss, double accuracy, double temperature) {
    }

    /**
     * One batch of an evaluation pass was handed to the network (held-out passes and batch-norm calibrations).
     *
     * @param epoch   0-based epoch
     * @param pass    what the pass measures, e.g. "edge-all child: held-out images"
     * @param batch   1-based batch within the pass
     * @param batches batches in the pass
     */
    default void evaluationStep(int epoch, String pass, int batch, int batches) {
    }

    default void epochFinished(EpochMetrics metrics, Genotype edgeAll, Genotype top2) {
    }

    default void searchFinished(SearchOutcome outcome) {
    }
}
