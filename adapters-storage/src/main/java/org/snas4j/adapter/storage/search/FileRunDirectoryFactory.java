package org.snas4j.adapter.storage.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.snas4j.adapter.storage.checkpoint.FileCheckpointStore;
import org.snas4j.adapter.storage.genotype.ProtobufGenotypeRepository;
import org.snas4j.adapter.storage.io.ProtoFormat;
import org.snas4j.adapter.storage.io.RunLock;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.search.SearchOutcome;
import org.snas4j.application.port.out.storage.RunDirectory;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;

/** Creates and resumes run directories on the local file system (layout: see {@link FileRunDirectory}). */
public final class FileRunDirectoryFactory implements RunDirectoryFactory {

    private final int checkpointsToKeep;

    /** Keeps the newest {@value FileCheckpointStore#DEFAULT_KEEP} checkpoints of each run. */
    public FileRunDirectoryFactory() {
        this(FileCheckpointStore.DEFAULT_KEEP);
    }

    public FileRunDirectoryFactory(int checkpointsToKeep) {
        if (checkpointsToKeep < 1) {
            throw new IllegalArgumentException("must keep at least 1 checkpoint, got " + checkpointsToKeep);
        }
        this.checkpointsToKeep = checkpointsToKeep;
    }

    @Override
    public RunDirectory create(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (Files.exists(directory)) {
            refuseUnlessEmptyDirectory(directory);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new InvalidInputException(directory, "cannot create the run directory: " + e.getMessage(), e);
        }
        // Another process may create a run here between the check above and the lock; lockNewRun refuses then.
        RunLock lock = RunLock.lockNewRun(directory);
        try {
            return open(directory, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    @Override
    public RunDirectory resume(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.exists(directory)) {
            throw new InvalidInputException(directory, "does not exist; nothing to resume");
        }
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(directory, "is not a directory");
        }
        if (!holdsRun(directory)) {
            throw new InvalidInputException(directory, "is not a run directory (it has no " + FileRunDirectory.CONFIGURATION
                    + ".textproto, no " + FileRunDirectory.GENOTYPES + "/ and " + FileRunDirectory.CHECKPOINTS + "/, no "
                    + RunLock.FILE_NAME + ")");
        }
        RunLock lock = RunLock.lockExistingRun(directory);
        try {
            return open(directory, lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private RunDirectory open(Path directory, RunLock lock) {
        try {
            Files.createDirectories(directory.resolve(FileRunDirectory.GENOTYPES));
            Files.createDirectories(directory.resolve(FileRunDirectory.CHECKPOINTS));
        } catch (IOException e) {
            throw new InvalidInputException(directory, "cannot create its subdirectories: " + e.getMessage(), e);
        }
        return new FileRunDirectory(directory, lock, checkpointsToKeep);
    }

    private static void refuseUnlessEmptyDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(directory, "exists and is not a directory");
        }
        if (holdsRun(directory)) {
            throw new InvalidInputException(directory, "already holds a run; resume it or choose another directory");
        }
        try (Stream<Path> entries = Files.list(directory)) {
            if (entries.findAny().isPresent()) {
                throw new InvalidInputException(directory, "is not empty; a new run needs a new or empty directory");
            }
        } catch (IOException e) {
            throw new InvalidInputException(directory, "cannot list: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isRunDirectory(Path directory) {
        return Files.isDirectory(Objects.requireNonNull(directory, "directory")) && holdsRun(directory);
    }

    @Override
    public Optional<SearchOutcome> finishedOutcome(Path directory) {
        // The final genotypes are what SearchService writes last but the finish time: a run that has them searched to the end.
        Path genotypeDirectory = Objects.requireNonNull(directory, "directory").resolve(FileRunDirectory.GENOTYPES);
        Path edgeAll = genotypeDirectory.resolve("final-edge-all" + ProtoFormat.BINARY.extension());
        Path top2 = genotypeDirectory.resolve("final-top2" + ProtoFormat.BINARY.extension());
        if (!Files.isRegularFile(edgeAll) || !Files.isRegularFile(top2)) {
            return Optional.empty();
        }
        ProtobufGenotypeRepository genotypes = new ProtobufGenotypeRepository();
        return Optional.of(new SearchOutcome(directory, genotypes.load(edgeAll), genotypes.load(top2),
                MetricsFile.open(directory.resolve(FileRunDirectory.METRICS)).all()));
    }

    /**
     * A run is marked by its lock file (open, or its process died), its configuration, or its two
     * subdirectories (closed cleanly, which deletes the lock file, before writing a configuration).
     */
    private static boolean holdsRun(Path directory) {
        return Files.exists(directory.resolve(RunLock.FILE_NAME))
                || Files.exists(directory.resolve(FileRunDirectory.CONFIGURATION + ".textproto"))
                || Files.isDirectory(directory.resolve(FileRunDirectory.GENOTYPES))
                        && Files.isDirectory(directory.resolve(FileRunDirectory.CHECKPOINTS));
    }
}
