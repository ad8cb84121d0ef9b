package org.snas4j.application.port.out.report;

import java.util.List;
import java.util.Optional;

/**
 * What one report shows: one or more runs, in the order they were asked for.
 *
 * @param title the page's title: the run's directory, the study's, or "N runs"
 * @param runs  the runs, each with at least one recorded epoch
 */
public record Report(String title, List<ReportedRun> runs) {

    public Report {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report shows at least one run");
        }
        runs = List.copyOf(runs);
    }

    /** The single run of a one-run report. */
    public Optional<ReportedRun> single() {
        return runs.size() == 1 ? Optional.of(runs.get(0)) : Optional.empty();
    }
}
