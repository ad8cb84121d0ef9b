package org.snas4j.application.port.out.trial;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.snas4j.application.port.in.search.SearchConfiguration;

/**
 * One trial as the sweep manifest records it.
 *
 * @param name            also the name of its run directory inside the sweep directory
 * @param assignment      its point of the grid: flag to value, in axis order
 * @param searchArguments its 'search' arguments without --output, --resume and --threads
 * @param configuration   what those arguments configure (threads left at 0: placement is the executor's)
 * @param state           as last seen
 * @param launches        launches so far
 * @param handle          the launch running it, when one does or did
 * @param message         why its last launch failed; empty otherwise
 * @param updatedAt       when this record last changed
 * @param completedEpochs epochs in its metrics file when last looked at
 */
public record TrialRecord(String name, Map<String, String> assignment, List<String> searchArguments, SearchConfiguration configuration,
                          TrialState state, int launches, Optional<TrialHandle> handle, String message, Instant updatedAt,
                          int completedEpochs) {

    public TrialRecord {
        Objects.requireNonNull(name, "name");
        assignment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(assignment));
        searchArguments = List.copyOf(searchArguments);
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** A trial not launched yet. */
    public static TrialRecord pending(String name, Map<String, String> assignment, List<String> searchArguments,
                                      SearchConfiguration configuration, Instant now) {
        return new TrialRecord(name, assignment, searchArguments, configuration, TrialState.PENDING, 0, Optional.empty(), "", now, 0);
    }

    public TrialRecord launched(TrialHandle newHandle, int launch, Instant now) {
        return new TrialRecord(name, assignment, searchArguments, configuration, TrialState.RUNNING, launch, Optional.of(newHandle), "",
                now, completedEpochs);
    }

    /**
     * Followed as launch {@code launch}, found running: a sweep killed between submitting a launch and
     * recording it finds it without a record, and records it now.
     */
    public TrialRecord adopted(TrialHandle newHandle, int launch, Instant now) {
        return new TrialRecord(name, assignment, searchArguments, configuration, TrialState.RUNNING, Math.max(launches, launch),
                Optional.of(newHandle), "", now, completedEpochs);
    }

    public TrialRecord inState(TrialState newState, String newMessage, Instant now) {
        return new TrialRecord(name, assignment, searchArguments, configuration, newState, launches, handle, newMessage, now,
                completedEpochs);
    }

    public TrialRecord withCompletedEpochs(int epochs, Instant now) {
        return new TrialRecord(name, assignment, searchArguments, configuration, state, launches, handle, message, now, epochs);
    }

    /** 1-based position in the grid: trial names start with it. */
    public int index() {
        int dash = name.indexOf('-');
        return Integer.parseInt(dash < 0 ? name : name.substring(0, dash));
    }
}
