package org.snas4j.application.service.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.report.ReportRunsUseCase;
import org.snas4j.application.port.out.events.TrainingEventLog;
import org.snas4j.application.port.out.report.Report;
import org.snas4j.application.port.out.report.ReportWriter;
import org.snas4j.application.port.out.report.ReportedRun;
import org.snas4j.application.port.out.report.ReportedSearch;
import org.snas4j.application.port.out.report.ReportedTraining;
import org.snas4j.application.port.out.report.RunArchive;

/**
 * Gathers what runs recorded (settings, epochs, step figures from their events, genotypes, results)
 * into one {@link Report} and has it written. A study directory stands for the runs in it. A run is
 * read as it is, running or stopped, but must have recorded at least one epoch.
 */
public final class ReportService implements ReportRunsUseCase {

    static final String DEFAULT_FILE_NAME = "report.html";

    private final RunArchive archive;
    private final TrainingEventLog events;
    private final ReportWriter writer;

    public ReportService(RunArchive archive, TrainingEventLog events, ReportWriter writer) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.events = Objects.requireNonNull(events, "events");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    @Override
    public Path report(List<Path> directories, Optional<Path> output) {
        if (directories.isEmpty()) {
            throw new InvalidInputException("RUN_DIR", "name at least one run or study directory");
        }
        Set<Path> runDirectories = new LinkedHashSet<>();
        for (Path directory : directories) {
            switch (archive.kindOf(directory)) {
                case SEARCH, TRAINING -> runDirectories.add(directory);
                case STUDY -> {
                    List<Path> inStudy = archive.studyRuns(directory);
                    if (inStudy.isEmpty()) {
                        throw new InvalidInputException(directory, "is a study that has no run yet");
                    }
                    runDirectories.addAll(inStudy);
                }
                case NONE -> throw new InvalidInputException(directory,
                        "is not a search run, a train run or a study directory (no configuration found)");
            }
        }
        List<ReportedRun> runs = new ArrayList<>();
        for (Path directory : runDirectories) {
            runs.add(read(directory));
        }
        Report report = new Report(title(directories, runs), runs);
        Path file = output.orElseGet(() -> defaultFile(directories));
        writer.write(report, file);
        return file;
    }

    private ReportedRun read(Path directory) {
        if (archive.kindOf(directory) == RunArchive.Kind.SEARCH) {
            RunArchive.SearchRecord record = archive.readSearch(directory);
            if (record.epochs().isEmpty() || record.edgeAll().isEmpty() || record.top2().isEmpty()) {
                throw noEpochYet(directory);
            }
            return new ReportedSearch(directory, record.configuration(), record.provenance(), record.epochs(), record.edgeAll().get(),
                    record.top2().get(), events.steps(directory));
        }
        RunArchive.TrainingRecord record = archive.readTraining(directory);
        if (record.epochs().isEmpty()) {
            throw noEpochYet(directory);
        }
        return new ReportedTraining(directory, record.run(), record.epochs(), record.result(), events.steps(directory));
    }

    private static InvalidInputException noEpochYet(Path directory) {
        return new InvalidInputException(directory, "has no finished epoch yet; report it after its first epoch");
    }

    private static String title(List<Path> asked, List<ReportedRun> runs) {
        if (asked.size() == 1) {
            return asked.get(0).toString();
        }
        return runs.size() + " runs";
    }

    private static Path defaultFile(List<Path> asked) {
        return asked.size() == 1 ? asked.get(0).resolve(DEFAULT_FILE_NAME) : Path.of(DEFAULT_FILE_NAME);
    }
}
