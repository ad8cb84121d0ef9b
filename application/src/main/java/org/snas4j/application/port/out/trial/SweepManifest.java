package org.snas4j.application.port.out.trial;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A sweep directory's record of itself: the grid and each trial's state (stored as sweep.textproto).
 *
 * @param sweepId         short lower-case id, unique per sweep
 * @param axes            the grid's axes, in the order given
 * @param commonArguments search arguments every trial shares
 * @param trials          every point of the grid, in grid order
 * @param createdAt       when the sweep was created
 * @param codeVersion     the program version that created it
 * @param commandLine     the arguments it was first started with
 * @param executor        where its trials last ran
 */
public record SweepManifest(String sweepId, List<Axis> axes, List<String> commonArguments, List<TrialRecord> trials,
                            Instant createdAt, String codeVersion, String commandLine, String executor) {

    public SweepManifest {
        Objects.requireNonNull(sweepId, "sweepId");
        axes = List.copyOf(axes);
        commonArguments = List.copyOf(commonArguments);
        trials = List.copyOf(trials);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(commandLine, "commandLine");
        Objects.requireNonNull(executor, "executor");
    }

    /** One axis of the grid: a search flag and its values. */
    public record Axis(String flag, List<String> values) {
        public Axis {
            Objects.requireNonNull(flag, "flag");
            values = List.copyOf(values);
        }
    }

    /** The trial named {@code name}. */
    public TrialRecord trial(String name) {
        return trials.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no trial " + name + " in sweep " + sweepId));
    }

    /** This manifest with the trial named {@code name} changed. */
    public SweepManifest withTrial(String name, UnaryOperator<TrialRecord> change) {
        List<TrialRecord> changed = new ArrayList<>(trials.size());
        boolean found = false;
        for (TrialRecord trial : trials) {
            if (trial.name().equals(name)) {
                changed.add(change.apply(trial));
                found = true;
            } else {
                changed.add(trial);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no trial " + name + " in sweep " + sweepId);
        }
        return new SweepManifest(sweepId, axes, commonArguments, changed, createdAt, codeVersion, commandLine, executor);
    }

    public SweepManifest withExecutor(String newExecutor) {
        return new SweepManifest(sweepId, axes, commonArguments, trials, createdAt, codeVersion, commandLine, newExecutor);
    }
}
