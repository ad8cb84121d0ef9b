package org.snas4j.adapter.storage.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.snas4j.adapter.storage.retrain.TrainingRunRecords;
import org.snas4j.adapter.storage.search.SearchRunRecords;
import org.snas4j.application.port.out.report.RunArchive;
import org.snas4j.application.port.out.storage.StudyFiles;

/** Run and study directories on the local file system, read without their locks. */
public final class FileRunArchive implements RunArchive {

    @Override
    public Kind kindOf(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            return Kind.NONE;
        }
        if (SearchRunRecords.holdsSearch(directory)) {
            return Kind.SEARCH;
        }
        if (TrainingRunRecords.holdsTraining(directory)) {
            return Kind.TRAINING;
        }
        return Files.isRegularFile(directory.resolve(StudyFiles.SETTINGS_FILE)) ? Kind.STUDY : Kind.NONE;
    }

    @Override
    public SearchRecord readSearch(Path directory) {
        return SearchRunRecords.read(directory);
    }

    @Override
    public TrainingRecord readTraining(Path directory) {
        return TrainingRunRecords.read(directory);
    }

    @Override
    public List<Path> studyRuns(Path studyDirectory) {
        try (Stream<Path> entries = Files.list(studyDirectory)) {
            return entries.filter(p -> kindOf(p) == Kind.SEARCH || kindOf(p) == Kind.TRAINING).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + studyDirectory, e);
        }
    }
}
