package org.snas4j.application.child;

/**
 * A retrained child measured on the test set from its newest checkpoint.
 *
 * @param completedEpochs epochs the evaluated weights were trained for
 * @param parameters      trainable parameters without the auxiliary head (the papers' count)
 */
public record TrainedChildEvaluation(StoredRetrainRun run, int completedEpochs, long parameters, ChildEvaluation test) {
}
