package org.snas4j.application.port.in.provenance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where a result came from: enough to reproduce it or to explain why two results differ.
 *
 * @param seed               the run's seed
 * @param datasetName        e.g. "fashion-mnist (bundled subset)"
 * @param datasetFingerprint SHA-256 of the training data actually used
 * @param codeVersion        snas4j version and, when known, the git commit
 * @param startedAt          when the run started
 * @param finishedAt         when it finished; null while running
 * @param commandLine        the arguments the run was started with
 * @param classNames         the dataset's class names by index (folder names, the published names); empty in runs
 *                           recorded before they were
 */
public record Provenance(long seed, String datasetName, String datasetFingerprint, String codeVersion, Instant startedAt,
                         Instant finishedAt, String commandLine, List<String> classNames) {

    public Provenance {
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(datasetFingerprint, "datasetFingerprint");
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(commandLine, "commandLine");
        classNames = List.copyOf(classNames);
    }

    /** Without class names (runs recorded before they were, and tests that do not need them). */
    public Provenance(long seed, String datasetName, String datasetFingerprint, String codeVersion, Instant startedAt,
                      Instant finishedAt, String commandLine) {
        this(seed, datasetName, datasetFingerprint, codeVersion, startedAt, finishedAt, commandLine, List.of());
    }

    public Provenance finished(Instant at) {
        return new Provenance(seed, datasetName, datasetFingerprint, codeVersion, startedAt, at, commandLine, classNames);
    }
}
