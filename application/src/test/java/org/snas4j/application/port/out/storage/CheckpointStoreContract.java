package org.snas4j.application.port.out.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.port.out.storage.CheckpointStore.Checkpoint;

/**
 * What every {@link CheckpointStore} must do, whatever its state; each adapter runs it by subclassing
 * once per state it stores.
 */
public abstract class CheckpointStoreContract<S> {

    @TempDir
    protected Path directory;

    /** A store keeping its checkpoints under {@code directory}; two calls see the same checkpoints. */
    protected abstract CheckpointStore<S> open(Path directory);

    /** A state at {@code completedEpochs} whose other fields depend on {@code seed}. */
    protected abstract S state(int completedEpochs, long seed);

    @Test
    void aNewStoreHasNoCheckpoint() {
        assertEquals(Optional.empty(), open(directory).latestValid());
    }

    @Test
    void stateAndVariablesComeBackThroughAnotherInstance() throws IOException {
        open(directory).save(state(3, 11), PortFixtures.variables(11));

        Checkpoint<S> checkpoint = open(directory).latestValid().orElseThrow();

        assertEquals(state(3, 11), checkpoint.state());
        PortFixtures.assertVariables(checkpoint.variablesDirectory(), 11);
    }

    @Test
    void theNewestCheckpointWins() throws IOException {
        CheckpointStore<S> store = open(directory);
        store.save(state(1, 1), PortFixtures.variables(1));
        store.save(state(2, 2), PortFixtures.variables(2));

        Checkpoint<S> checkpoint = store.latestValid().orElseThrow();

        assertEquals(state(2, 2), checkpoint.state());
        PortFixtures.assertVariables(checkpoint.variablesDirectory(), 2);
    }

    @Test
    void savingAnEpochAgainReplacesIt() throws IOException {
        CheckpointStore<S> store = open(directory);
        store.save(state(4, 1), PortFixtures.variables(1));
        store.save(state(4, 2), PortFixtures.variables(2));

        Checkpoint<S> checkpoint = store.latestValid().orElseThrow();

        assertEquals(state(4, 2), checkpoint.state());
        PortFixtures.assertVariables(checkpoint.variablesDirectory(), 2);
    }

    @Test
    void theWriterGetsAnExistingEmptyDirectory() {
        List<Path> seen = new ArrayList<>();
        open(directory).save(state(1, 1), variablesDirectory -> {
            assertTrue(Files.isDirectory(variablesDirectory), variablesDirectory.toString());
            try (var entries = Files.list(variablesDirectory)) {
                assertEquals(List.of(), entries.toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            seen.add(variablesDirectory);
        });
        assertEquals(1, seen.size());
    }

    @Test
    void aFailedSaveReportsTheCauseAndKeepsThePreviousCheckpoint() throws IOException {
        CheckpointStore<S> store = open(directory);
        store.save(state(1, 1), PortFixtures.variables(1));

        RuntimeException failure = assertThrows(RuntimeException.class, () -> store.save(state(2, 2), variablesDirectory -> {
            PortFixtures.variables(2).writeInto(variablesDirectory);
            throw new UncheckedIOException(new IOException("No space left on device"));
        }));

        assertTrue(failure.getMessage().contains("No space left on device"), failure.getMessage());
        Checkpoint<S> checkpoint = open(directory).latestValid().orElseThrow();
        assertEquals(state(1, 1), checkpoint.state());
        PortFixtures.assertVariables(checkpoint.variablesDirectory(), 1);
    }
}
