package org.snas4j.application.port.out.report;

import java.nio.file.Path;
import org.snas4j.application.port.out.report.Report;

/** Writes a report as one self-contained file. */
public interface ReportWriter {

    /**
     * Writes {@code report} to {@code file} atomically (a failure leaves no half-written file).
     *
     * @throws org.snas4j.application.InvalidInputException when {@code file} cannot be written (a directory, say)
     */
    void write(Report report, Path file);
}
