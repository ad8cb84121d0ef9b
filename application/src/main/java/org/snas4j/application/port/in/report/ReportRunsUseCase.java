package org.snas4j.application.port.in.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One page about one or more runs: their curves, alpha, cells, settings, provenance and results. */
public interface ReportRunsUseCase {

    /**
     * Reports the runs in {@code directories} (search runs, retraining runs, or study directories,
     * which stand for their runs).
     *
     * @param output the file to write; empty for the default: {@code report.html} in the run's or
     *               study's directory when there is one, else in the working directory
     * @return the file written
     * @throws org.snas4j.application.InvalidInputException naming the directory or file at fault: not a
     *                                                      run, no recorded epoch yet, a damaged record
     */
    Path report(List<Path> directories, Optional<Path> output);
}
