package org.snas4j.adapter.storage.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.storage.checkpoint.FileCheckpointStore;
import org.snas4j.application.port.out.storage.CheckpointStore;
import org.snas4j.application.port.out.storage.CheckpointStoreContract;
import org.snas4j.application.port.out.storage.PortFixtures;
import org.snas4j.application.port.out.storage.RetrainState;

/** The checkpoint store with a retraining run's state, as {@link FileChildRunDirectory} configures it. */
class RetrainCheckpointStoreTest extends CheckpointStoreContract<RetrainState> {

    @Override
    protected CheckpointStore<RetrainState> open(Path directory) {
        return store(directory);
    }

    @Override
    protected RetrainState state(int completedEpochs, long seed) {
        return new RetrainState(completedEpochs, 1000L * completedEpochs + seed);
    }

    @Test
    void theStateIsTheFamiliarPropertiesFileListedInTheManifest() throws IOException {
        store(directory).save(new RetrainState(2, 77), PortFixtures.variables(2));

        Path checkpoint = directory.resolve("epoch-0002");
        assertEquals(List.of("completed_epochs=2", "global_step=77"), Files.readAllLines(checkpoint.resolve("state.properties")));
        assertTrue(Files.readString(checkpoint.resolve("manifest.textproto")).contains("path: \"state.properties\""));
    }

    @Test
    void aCheckpointOfARunFromBeforeManifestsIsStillRead() throws IOException {
        // The layout retraining runs wrote before they shared the search's store: state and variables, no manifest.
        Path old = Files.createDirectories(directory.resolve("epoch-0003/variables"));
        PortFixtures.variables(3).writeInto(old);
        Files.writeString(directory.resolve("epoch-0003/state.properties"), "completed_epochs=3\nglobal_step=30\n");

        CheckpointStore.Checkpoint<RetrainState> checkpoint = store(directory).latestValid().orElseThrow();

        assertEquals(new RetrainState(3, 30), checkpoint.state());
        PortFixtures.assertVariables(checkpoint.variablesDirectory(), 3);
    }

    @Test
    void aCorruptStateFallsBackToTheOlderCheckpoint() throws IOException {
        FileCheckpointStore<RetrainState> store = store(directory);
        store.save(new RetrainState(1, 10), PortFixtures.variables(1));
        store.save(new RetrainState(2, 20), PortFixtures.variables(2));
        Files.writeString(directory.resolve("epoch-0002/state.properties"), "completed_epochs=2\nglobal_step=21\n");

        assertEquals(Optional.of(new RetrainState(1, 10)), store.latestValid().map(CheckpointStore.Checkpoint::state));
    }

    @Test
    void theNewestTwoAreKept() throws IOException {
        FileCheckpointStore<RetrainState> store = store(directory);
        for (int epoch = 1; epoch <= 4; epoch++) {
            store.save(new RetrainState(epoch, epoch), PortFixtures.variables(epoch));
        }
        try (var entries = Files.list(directory)) {
            assertEquals(List.of("epoch-0003", "epoch-0004"), entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    private static FileCheckpointStore<RetrainState> store(Path directory) {
        return FileChildRunDirectory.checkpointStore(directory);
    }
}
