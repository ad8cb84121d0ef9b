package org.snas4j.application;

/**
 * The loss or a gradient became NaN or infinite. The run stops; its last checkpoint (written at
 * the end of the previous epoch) stays intact, so it can be resumed with other settings.
 */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
