package org.snas4j.application.port.in.retrain;

/**
 * What one retraining epoch achieved; one line of the run's metrics.
 *
 * @param epoch               0-based epoch
 * @param learningRate        the epoch's learning rate (cosine)
 * @param dropPathProbability the epoch's drop-path probability (linear ramp)
 * @param trainLoss           mean training loss of the main classifier
 * @param trainAccuracy       mean training accuracy
 * @param heldOut             which set the next three are measured on: "validation" or "test"
 * @param heldOutLoss         mean loss there, inference mode
 * @param heldOutAccuracy     top-1 accuracy there
 * @param heldOutTop5         top-5 accuracy there (NaN with 5 classes or fewer)
 * @param seconds             wall-clock seconds of the epoch
 */
public record RetrainEpochMetrics(int epoch, double learningRate, double dropPathProbability, double trainLoss,
                                  double trainAccuracy, String heldOut, double heldOutLoss, double heldOutAccuracy,
                                  double heldOutTop5, double seconds) {
}
