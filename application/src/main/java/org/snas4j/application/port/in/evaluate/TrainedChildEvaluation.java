package org.snas4j.application.port.in.evaluate;

import org.snas4j.application.port.in.retrain.ChildEvaluation;
import org.snas4j.application.port.out.storage.StoredRetrainRun;

/**
 * A retrained child measured on the test set from its newest checkpoint.
 *
 * @param completedEpochs epochs the evaluated weights were trained for
 * @param parameters      trainable parameters without the auxiliary head (the papers' count)
 */
public record TrainedChildEvaluation(StoredRetrainRun run, int completedEpochs, long parameters, ChildEvaluation test) {
}
