package org.snas4j.application.port.out.storage;

/**
 * What a retraining run needs besides the network's variables to continue at an epoch boundary:
 * data order, augmentation and drop-path masks derive from (seed, epoch, step), so no generator
 * state is stored.
 *
 * @param completedEpochs epochs finished
 * @param globalStep      training steps taken
 */
public record RetrainState(int completedEpochs, long globalStep) {

    public RetrainState {
        if (completedEpochs < 0 || globalStep < 0) {
            throw new IllegalArgumentException("epochs and steps cannot be negative: " + completedEpochs + ", " + globalStep);
        }
    }
}
