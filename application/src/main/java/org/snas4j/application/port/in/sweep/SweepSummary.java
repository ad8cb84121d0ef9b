package org.snas4j.application.port.in.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.snas4j.application.port.out.trial.TrialState;

/**
 * A sweep as its files stand: every trial, the Pareto front of held-out child accuracy against
 * parameters among the finished ones, and the best finished trial per constraint.
 *
 * @param directory the sweep directory
 * @param sweepId   its id
 * @param trials    every trial, in grid order
 * @param front     the finished trials no other finished trial beats on both accuracy and parameters, fewest parameters first
 * @param best      per constraint (in order of increasing lambda), its most accurate finished trial
 * @param files     what the summary wrote, relative to the directory
 */
public record SweepSummary(Path directory, String sweepId, List<TrialRow> trials, List<TrialRow> front, List<Best> best,
                           List<Path> files) {

    public SweepSummary {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(sweepId, "sweepId");
        trials = List.copyOf(trials);
        front = List.copyOf(front);
        best = List.copyOf(best);
        files = List.copyOf(files);
    }

    /** Trials in {@code state}. */
    public long count(TrialState state) {
        return trials.stream().filter(t -> t.state() == state).count();
    }

    /**
     * One trial's line of the summary. Figures of a trial that has recorded no epoch are NaN; of a
     * running one, those of its newest epoch.
     *
     * @param name                the trial (its run directory's name)
     * @param assignment          its point of the grid
     * @param state               as the manifest records it (SUCCEEDED only when its run has its final genotypes)
     * @param launches            launches so far
     * @param message             why its last launch failed
     * @param constraint          its constraint's label: a level's name when lambda is one, else {@code lambda=VALUE}
     * @param lambda              its penalty weight
     * @param completedEpochs     epochs recorded
     * @param epochs              epochs it runs in all
     * @param childAccuracy       held-out accuracy of the derived edge-all child, without retraining
     * @param top2ChildAccuracy   the same for the top-2 child
     * @param expectedParameters  parameters of the cells' ops under p_alpha
     * @param actualParameters    parameters of the derived edge-all child's cells' ops
     * @param expectedFlops       FLOPs of the cells' ops under p_alpha, per image
     * @param actualFlops         FLOPs of the derived edge-all child's cells' ops, per image
     */
    public record TrialRow(String name, Map<String, String> assignment, TrialState state, int launches, String message, String constraint,
                           double lambda, int completedEpochs, int epochs, double childAccuracy, double top2ChildAccuracy,
                           double expectedParameters, double actualParameters, double expectedFlops, double actualFlops) {

        public TrialRow {
            Objects.requireNonNull(name, "name");
            assignment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(assignment));
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(constraint, "constraint");
        }

        public boolean finished() {
            return state == TrialState.SUCCEEDED;
        }
    }

    /**
     * The most accurate finished trial of one constraint, and where its genotypes were copied.
     *
     * @param constraint the constraint's label
     * @param trial      the trial
     * @param genotypes  the copies at the top of the sweep directory, relative to it
     */
    public record Best(String constraint, TrialRow trial, List<Path> genotypes) {
        public Best {
            Objects.requireNonNull(constraint, "constraint");
            Objects.requireNonNull(trial, "trial");
            genotypes = List.copyOf(genotypes);
        }
    }
}
