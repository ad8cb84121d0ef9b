package org.snas4j.adapter.storage.retrain;

import java.nio.file.Files;
import java.nio.file.Path;
import org.snas4j.adapter.storage.retrain.FileChildRunDirectory;
import org.snas4j.application.port.out.report.RunArchive;

/** A retraining run directory read as a record, without its lock (layout: see {@link FileChildRunDirectory}). */
public final class TrainingRunRecords {

    private TrainingRunRecords() {
    }

    /** True when {@code directory} holds a retraining run's configuration. */
    public static boolean holdsTraining(Path directory) {
        return Files.isRegularFile(directory.resolve(FileChildRunDirectory.CONFIGURATION));
    }

    /** The run's configuration, its recorded epochs, and its result once it finished. */
    public static RunArchive.TrainingRecord read(Path directory) {
        return new RunArchive.TrainingRecord(FileChildRunDirectory.readConfiguration(directory), FileChildRunDirectory.metrics(directory),
                FileChildRunDirectory.readResult(directory));
    }
}
