package org.snas4j.application.port.out.trial;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs a sweep's trials somewhere: child processes of this program, Jobs on a Kubernetes cluster.
 * The sweep decides what to launch and when; an executor starts launches, reports what it sees of
 * them, and finds the ones a previous (killed) sweep left running, so that nothing runs twice.
 */
public interface TrialExecutor extends AutoCloseable {

    /** One line for people, e.g. "local, 2 trials at a time". */
    String description();

    /** How many trials may run at once. */
    int slots();

    /** How long the sweep waits between two looks at its running trials. */
    Duration pollInterval();

    /**
     * Checks, before anything is written or launched, that trials can run here.
     *
     * @throws org.snas4j.application.InvalidInputException naming the setting at fault (a namespace or a
     *                                                      volume claim that does not exist, in the words of the API)
     */
    void checkReady();

    /** What {@link #start} would launch, as text for people to check (a command line, a Job manifest); launches nothing. */
    String preview(TrialLaunch launch);

    /**
     * Launches the trial.
     *
     * @return the handle that finds it again, recorded in the sweep manifest
     */
    TrialHandle start(TrialLaunch launch);

    /**
     * The launch of this trial that a previous sweep started and that is still running (or finished,
     * but not yet seen by a sweep); empty when there is none and the trial has to be launched.
     *
     * @param recorded the handle the sweep manifest recorded for the trial, empty when none was
     */
    Optional<TrialHandle> reattach(TrialLaunch launch, Optional<TrialHandle> recorded);

    /** What the launch is doing now. */
    TrialStatus poll(TrialHandle handle);

    /** Removes what the launch left behind once its trial succeeded (a finished Job and its pods); a failed one is kept for inspection. */
    void cleanUp(TrialHandle handle);

    /** Releases the executor's own resources; running trials are left running. */
    @Override
    void close();
}
