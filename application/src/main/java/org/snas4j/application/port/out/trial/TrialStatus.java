package org.snas4j.application.port.out.trial;

import java.util.Objects;

/**
 * What an executor sees of a launched trial.
 *
 * @param phase   running, or how it ended
 * @param attempt the executor's attempt at this launch, 1-based (a retried pod counts up)
 * @param message why it failed or what it is doing; empty when there is nothing to say
 */
public record TrialStatus(Phase phase, int attempt, String message) {

    public enum Phase {
        RUNNING,
        /** Ended successfully (exit code 0, Job complete). */
        SUCCEEDED,
        /** Ended unsuccessfully, retries included. */
        FAILED,
        /** Ended, but how is unknown (a process a previous sweep started): its run directory tells. */
        ENDED
    }

    public TrialStatus {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(message, "message");
    }

    public static TrialStatus running(int attempt, String message) {
        return new TrialStatus(Phase.RUNNING, attempt, message);
    }

    public boolean ended() {
        return phase != Phase.RUNNING;
    }
}
