package org.snas4j.application.port.in.sweep;

import java.nio.file.Path;
import java.util.List;
import org.snas4j.application.port.out.trial.TrialExecutor;

/**
 * Many independent searches at once: a grid of seeds, constraints and any other search setting,
 * each trial a normal search run directory inside the sweep directory, run by a {@link TrialExecutor}.
 */
public interface RunSweepUseCase {

    /**
     * Runs the sweep in {@code sweepDirectory}, or continues it there: finished trials are kept,
     * running ones (a killed sweep's) followed, interrupted and failed ones resumed, new ones started;
     * then writes the summary.
     *
     * @param commandLine recorded in the manifest of a new sweep
     * @throws org.snas4j.application.InvalidInputException before anything is written or launched, when the plan
     *         is invalid, the executor cannot run trials, or the directory holds something else than this sweep
     */
    SweepSummary run(SweepPlan plan, Path sweepDirectory, TrialExecutor executor, int threads, String commandLine);

    /**
     * What {@link #run} would launch now, without writing or launching anything: one preview per
     * trial that is not finished yet (a command line, a Job manifest).
     */
    List<TrialPreview> preview(SweepPlan plan, Path sweepDirectory, TrialExecutor executor, int threads);

    /**
     * The sweep's summary as its files stand now (at any time, also while it runs): the trial table,
     * the Pareto front, the best genotype per constraint copied to the top of the sweep directory, and the picture.
     *
     * @throws org.snas4j.application.InvalidInputException when the directory holds no sweep
     */
    SweepSummary summarize(Path sweepDirectory);

    /** A trial's launch as {@link #preview} shows it. */
    record TrialPreview(String trialName, boolean resume, String text) {
    }
}
