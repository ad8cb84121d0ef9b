package org.snas4j.adapter.storage.child;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snas4j.adapter.storage.run.RunLock;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.ChildRunDirectory;
import org.snas4j.application.port.out.ChildRunDirectoryFactory;

/**
 * Opens {@link FileChildRunDirectory}s, each under its {@link RunLock}: two processes continuing one
 * run would interleave their checkpoints.
 */
public final class FileChildRunDirectoryFactory implements ChildRunDirectoryFactory {

    private static final Logger LOG = LoggerFactory.getLogger(FileChildRunDirectoryFactory.class);

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
        RunLock lock = RunLock.acquire(directory);
        try {
            // Another process may have started a run here between the check above and the lock.
            if (lock.hadStaleHolder() || entriesBesideLock(directory) > 0) {
                throw new InvalidInputException(directory, "is not empty; choose a new directory for the run (or --resume it)");
            }
            lock.claim();
            return new FileChildRunDirectory(directory, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
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
        RunLock lock = RunLock.acquire(directory);
        try {
            if (lock.hadStaleHolder()) {
                LOG.warn("Taking over run {}: it was left locked by {}, which is no longer running", directory, lock.describeStaleHolder());
            }
            lock.claim();
            return new FileChildRunDirectory(directory, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static long entriesBesideLock(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> !p.getFileName().toString().equals(RunLock.FILE_NAME)).count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
