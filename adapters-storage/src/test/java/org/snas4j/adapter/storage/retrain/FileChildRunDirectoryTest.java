package org.snas4j.adapter.storage.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.storage.CheckpointStore;
import org.snas4j.application.port.out.storage.ChildRunDirectory;
import org.snas4j.application.port.out.storage.ChildRunDirectoryContract;
import org.snas4j.application.port.out.storage.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.storage.ChildRunFixtures;
import org.snas4j.application.port.out.storage.PortFixtures;
import org.snas4j.application.port.out.storage.RetrainState;
import org.snas4j.application.port.out.storage.StoredRetrainRun;

/** The port's contract, plus what only the file layout has: file names, damaged files, runs written by older versions. */
class FileChildRunDirectoryTest extends ChildRunDirectoryContract {

    private final FileChildRunDirectoryFactory factory = new FileChildRunDirectoryFactory();

    @Override
    protected ChildRunDirectoryFactory factory() {
        return factory;
    }

    @Test
    void theRunHasTheDocumentedLayout() {
        Path directory = parent.resolve("run");
        try (ChildRunDirectory run = factory.create(directory)) {
            run.writeConfiguration(ChildRunFixtures.storedRun(PortFixtures.edgeAllGenotype(1)));
            run.recordMetrics(ChildRunFixtures.metrics(0));
            run.checkpoints().save(new RetrainState(1, 10), PortFixtures.variables(1));
            run.writeResult(ChildRunFixtures.result(OptionalDouble.of(0.99)));
            assertTrue(Files.isRegularFile(directory.resolve("run.lock")), "run.lock while the run is open");
        }
        for (String file : List.of("configuration.properties", "metrics.tsv", "result.properties",
                "checkpoints/epoch-0001/state.properties", "checkpoints/epoch-0001/manifest.textproto",
                "checkpoints/epoch-0001/variables/weights.bin")) {
            assertTrue(Files.isRegularFile(directory.resolve(file)), file);
        }
        assertFalse(Files.exists(directory.resolve("run.lock")), "a cleanly closed run leaves no lock file");
    }

    @Test
    void onlyAnOpenRunHasALockFile() {
        Path path = startedRun("run");
        Path lockFile = path.resolve("run.lock");
        assertFalse(Files.exists(lockFile), "closed after create");
        try (ChildRunDirectory run = factory.open(path)) {
            assertTrue(Files.isRegularFile(lockFile));
        }
        assertFalse(Files.exists(lockFile), "closed after open");
    }

    @Test
    void theLockOfADeadProcessIsTakenOverAndClosedCleanly() throws Exception {
        Path path = startedRun("run");
        Process finished = new ProcessBuilder("true").start();
        assertEquals(0, finished.waitFor());
        Files.writeString(path.resolve("run.lock"), "pid=" + finished.pid() + "\nhost=" + InetAddress.getLocalHost().getHostName() + "\n");
        try (ChildRunDirectory run = factory.open(path)) {
            assertTrue(Files.readString(path.resolve("run.lock")).startsWith("pid=" + ProcessHandle.current().pid() + "\n"));
        }
        assertFalse(Files.exists(path.resolve("run.lock")));
    }

    @Test
    void aDamagedConfigurationIsRefusedNamingTheFileAndKey() throws IOException {
        Path path = startedRun("run");
        Path file = path.resolve(FileChildRunDirectory.CONFIGURATION);
        Files.writeString(file, Files.readString(file).replace("layers=8", "layers=eight"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> readConfiguration(path));
        assertEquals(file.toString(), e.source());
        assertTrue(e.problem().contains("layers"), e.problem());
        Files.writeString(file, Files.readString(file).replace("layers=eight", "layers=8").replaceFirst("genotype.normal=\\w+", "genotype.normal=sep_conv_9x9"));
        assertEquals(file.toString(), assertThrows(InvalidInputException.class, () -> readConfiguration(path)).source());
    }

    @Test
    void aRunFromBeforeCheckpointsHadManifestsContinuesFromItsNewestCheckpoint() throws IOException {
        Path path = startedRun("run");
        // What retraining wrote before it shared the search's checkpoint store: no manifest, no lock file.
        for (int epoch = 1; epoch <= 2; epoch++) {
            Path checkpoint = Files.createDirectories(path.resolve(String.format("checkpoints/epoch-%04d/variables", epoch)));
            PortFixtures.variables(epoch).writeInto(checkpoint);
            Files.writeString(checkpoint.resolveSibling("state.properties"), "completed_epochs=" + epoch + "\nglobal_step=" + 10 * epoch + "\n");
        }
        assertFalse(Files.exists(path.resolve("run.lock")), "closed cleanly, like those runs");

        try (ChildRunDirectory run = factory.open(path)) {
            CheckpointStore.Checkpoint<RetrainState> checkpoint = run.checkpoints().latestValid().orElseThrow();
            assertEquals(new RetrainState(2, 20), checkpoint.state());
            PortFixtures.assertVariables(checkpoint.variablesDirectory(), 2);
        }
    }

    /** Closes the run even when reading fails, so that its lock does not outlive the call. */
    private StoredRetrainRun readConfiguration(Path path) {
        try (ChildRunDirectory run = factory.open(path)) {
            return run.readConfiguration();
        }
    }
}
