package org.snas4j.adapter.storage.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snas4j.adapter.storage.search.SearchStateCodec;
import org.snas4j.application.port.out.storage.PortFixtures;

/**
 * Run in a child JVM by {@link FileCheckpointStoreTest} under {@code ulimit -f}: saves a checkpoint
 * whose variables file is larger than the limit, prints the error and exits with status 3.
 * Arguments: checkpoints directory, epoch, variables size in bytes.
 */
public final class CheckpointWriterMain {

    private CheckpointWriterMain() {
    }

    public static void main(String[] args) {
        int epoch = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        try {
            new FileCheckpointStore<>(Path.of(args[0]), new SearchStateCodec()).save(PortFixtures.searchState(epoch, epoch), directory -> {
                try {
                    Files.write(directory.resolve("weights.bin"), new byte[size]);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            System.out.println("FAILED " + e.getMessage());
            System.exit(3);
        }
        System.out.println("SAVED");
    }
}
