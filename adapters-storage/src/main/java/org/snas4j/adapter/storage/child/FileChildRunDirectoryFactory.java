package org.snas4j.adapter.storage.child;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.ChildRunDirectory;
import org.snas4j.application.port.out.ChildRunDirectoryFactory;

/** Opens {@link FileChildRunDirectory}s. */
public final class FileChildRunDirectoryFactory implements ChildRunDirectoryFactory {

    @Override
    public ChildRunDirectory create(Path directory) {
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
        return new FileChildRunDirectory(directory);
    }

    @Override
    public boolean isRunDirectory(Path directory) {
        return Files.isRegularFile(directory.resolve(FileChildRunDirectory.CONFIGURATION));
    }

    @Override
    public ChildRunDirectory open(Path directory) {
        if (!isRunDirectory(directory)) {
            throw new InvalidInputException(directory, "is not a retraining run directory (no " + FileChildRunDirectory.CONFIGURATION + ")");
        }
        return new FileChildRunDirectory(directory);
    }
}
