package org.snas4j.application.port.in.provenance;

import java.time.Instant;
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
 */
public record Provenance(long seed, String datasetName, String datasetFingerprint, String codeVersion, Instant startedAt,
                         Instant finishedAt, String commandLine) {

    public Provenance {
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(datasetFingerprint, "datasetFingerprint");
        Objects.requireNonNull(codeVersion, "codeVersion");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(commandLine, "commandLine");
    }

    public Provenance finished(Instant at) {
        return new Provenance(seed, datasetName, datasetFingerprint, codeVersion, startedAt, at, commandLine);
    }
}
