package org.snas4j.application.port.out.trial;

import java.util.Objects;

/** Names one launch of a trial for the executor that started it: a process, a Job. Recorded in the sweep manifest. */
public record TrialHandle(String id) {

    public TrialHandle {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a trial handle names something");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
