package org.snas4j.application.port.out.trial;

/** What a sweep's trial is doing, as the sweep last saw it; recorded in the sweep manifest. */
public enum TrialState {
    /** Not launched yet. */
    PENDING,
    /** Launched (a child process, a Kubernetes Job) and not seen to end. */
    RUNNING,
    /** Its search finished: the final genotypes are written. */
    SUCCEEDED,
    /** Its last launch ended without finishing the search; running the sweep again resumes it. */
    FAILED
}
