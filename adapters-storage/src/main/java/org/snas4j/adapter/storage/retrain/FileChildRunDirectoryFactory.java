package org.snas4j.adapter.storage.retrain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;
import org.snas4j.adapter.storage.io.RunLock;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.storage.ChildRunDirectory;
import org.snas4j.application.port.out.storage.ChildRunDirectoryFactory;

/**
 * Opens {@link FileChildRunDirectory}s, each under the same {@link RunLock} as a search run, so that
 * two processes (say two {@code train --resume}) never write one run at once.
 */
public final class FileChildRunDirectoryFactory implements ChildRunDirectoryFactory {

    @Override
    public ChildRunDirectory create(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (Files.exists(directory)) {
            if (!Files.isDirectory(directory)) {
                throw new InvalidInputException(directory, "exists and is not a directory");
            }
            try (Stream<Path> entries = Files.list(directory)) {
                if (entries.findAny().isPresent()) {
                    throw new InvalidInputException(directory, "is not empty; choose a new directory for the run (or --resume it)");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + directory, e);
            }
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
        }
        return new FileChildRunDirectory(directory, RunLock.lockNewRun(directory));
    }

    @Override
    public boolean isRunDirectory(Path directory) {
        return Files.isRegularFile(directory.resolve(FileChildRunDirectory.CONFIGURATION));
    }

    @Override
    public ChildRunDirectory open(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!isRunDirectory(directory)) {
            throw new InvalidInputException(directory, "is not a retraining run directory (no " + FileChildRunDirectory.CONFIGURATION + ")");
        }
        return new FileChildRunDirectory(directory, RunLock.lockExistingRun(directory));
    }
}
