package org.snas4j.adapter.storage.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.snas4j.application.InvalidInputException;

/** Questions about directories that the study's and the sweep's files ask before they write. */
public final class Directories {

    private Directories() {
    }

    /**
     * True when {@code directory} does not exist or is an empty directory.
     *
     * @throws InvalidInputException naming it when it exists and is not a directory
     */
    public static boolean isAbsentOrEmpty(Path directory) {
        if (!Files.exists(directory)) {
            return true;
        }
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(directory, "exists and is not a directory");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }
}
