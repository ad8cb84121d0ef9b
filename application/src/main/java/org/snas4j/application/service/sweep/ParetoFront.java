package org.snas4j.application.service.sweep;

import java.util.Comparator;
import java.util.List;
import org.snas4j.application.port.in.sweep.SweepSummary.TrialRow;

/**
 * The Pareto front of held-out child accuracy (higher is better) against the derived child's
 * parameters (fewer is better): the finished trials that no other finished trial beats on one
 * without losing on the other. Equal trials are on the front together.
 */
final class ParetoFront {

    private ParetoFront() {
    }

    /** The front among {@code trials}, fewest parameters first; unfinished trials and trials without figures take no part. */
    static List<TrialRow> of(List<TrialRow> trials) {
        List<TrialRow> candidates = trials.stream()
                .filter(t -> t.finished() && Double.isFinite(t.childAccuracy()) && Double.isFinite(t.actualParameters()))
                .toList();
        return candidates.stream()
                .filter(t -> candidates.stream().noneMatch(other -> dominates(other, t)))
                .sorted(Comparator.comparingDouble(TrialRow::actualParameters)
                        .thenComparing(Comparator.comparingDouble(TrialRow::childAccuracy).reversed())
                        .thenComparing(TrialRow::name))
                .toList();
    }

    /** True when {@code a} is at least as good as {@code b} on both and better on one. */
    static boolean dominates(TrialRow a, TrialRow b) {
        boolean noWorse = a.childAccuracy() >= b.childAccuracy() && a.actualParameters() <= b.actualParameters();
        boolean better = a.childAccuracy() > b.childAccuracy() || a.actualParameters() < b.actualParameters();
        return noWorse && better;
    }

    /** The most accurate of {@code trials}; fewer parameters, then the name, break ties. */
    static Comparator<TrialRow> bestFirst() {
        return Comparator.comparingDouble(TrialRow::childAccuracy).reversed()
                .thenComparingDouble(TrialRow::actualParameters)
                .thenComparing(TrialRow::name);
    }
}
