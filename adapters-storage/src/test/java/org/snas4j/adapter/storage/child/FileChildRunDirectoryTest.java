package org.snas4j.adapter.storage.child;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.child.ChildEvaluation;
import org.snas4j.application.child.RetrainConfiguration;
import org.snas4j.application.child.RetrainEpochMetrics;
import org.snas4j.application.child.RetrainResult;
import org.snas4j.application.child.RetrainState;
import org.snas4j.application.child.StoredRetrainRun;
import org.snas4j.application.data.DatasetRequest;
import org.snas4j.application.data.Normalization;
import org.snas4j.application.port.out.ChildRunDirectory;
import org.snas4j.application.port.out.Device;
import org.snas4j.application.search.Provenance;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.CellGenotype;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeForm;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;

/** Round trips and refusals of retraining run directories. */
class FileChildRunDirectoryTest {

    private final FileChildRunDirectoryFactory factory = new FileChildRunDirectoryFactory();

    static StoredRetrainRun stored(Genotype genotype) {
        RetrainConfiguration configuration = new RetrainConfiguration(new DatasetRequest("cifar10", Optional.of(Path.of("/data/c i"))),
                "runs/search-1 \"final\"", genotype, 8, 16, 64, 5, -3, true, 0.4, 16, 0.2, 0.025, 0.0, true, 0.1, Device.GPU, 2, 5000);
        Provenance provenance = new Provenance(-3, "cifar10 (first 5000)", "ab12", "0.1.0 (abc)", Instant.parse("2026-01-02T03:04:05.123Z"),
                null, "train --genotype x=y");
        return new StoredRetrainRun(configuration, provenance, new NetworkShape(8, 16, 32, 3, 10),
                new Normalization(new float[] {0.49139968f, 0.48215827f, 0.44653124f}, new float[] {0.24703233f, 0.24348505f, 0.26158768f}));
    }

    static Genotype edgeAll() {
        List<CellEdge> normal = new java.util.ArrayList<>();
        for (int e = 0; e < CellTopology.EDGES; e++) {
            normal.add(new CellEdge(Operation.values()[e % 8], CellTopology.fromNode(e), CellTopology.toNode(e)));
        }
        CellGenotype cell = new CellGenotype(GenotypeForm.EDGE_ALL, normal);
        return new Genotype(cell, cell);
    }

    @Test
    void configurationRoundTripsExactlyForBothGenotypeForms(@TempDir Path directory) {
        for (Genotype genotype : List.of(PublishedGenotypes.byName("snas-aggressive"), edgeAll())) {
            Path run = directory.resolve(genotype.form().name());
            StoredRetrainRun stored = stored(genotype);
            try (ChildRunDirectory created = factory.create(run)) {
                created.writeConfiguration(stored);
            }
            try (ChildRunDirectory opened = factory.open(run)) {
                assertEquals(stored, opened.readConfiguration());
            }
        }
    }

    @Test
    void metricsAreReplacedPerEpochAndKeptInOrder(@TempDir Path directory) {
        try (ChildRunDirectory run = factory.create(directory.resolve("run"))) {
            RetrainEpochMetrics first = new RetrainEpochMetrics(0, 0.025, 0, 2.1, 0.2, "test", 1.9, 0.3, Double.NaN, 12.5);
            RetrainEpochMetrics second = new RetrainEpochMetrics(1, 0.0125, 0.1, 1.5, 0.45, "test", 1.2, 0.55, 0.97, 11.0);
            run.recordMetrics(second);
            run.recordMetrics(first);
            run.recordMetrics(second);
            assertEquals(List.of(first, second), run.metrics());
        }
    }

    @Test
    void theNewestCompleteCheckpointIsFoundAndOldOnesPruned(@TempDir Path directory) throws IOException {
        Path path = directory.resolve("run");
        try (ChildRunDirectory run = factory.create(path)) {
            assertEquals(Optional.empty(), run.latestCheckpoint());
            for (int epoch = 1; epoch <= 3; epoch++) {
                int e = epoch;
                run.saveCheckpoint(new RetrainState(epoch, epoch * 10L), dir -> write(dir.resolve("weights"), "epoch " + e));
            }
            ChildRunDirectory.Checkpoint latest = run.latestCheckpoint().orElseThrow();
            assertEquals(new RetrainState(3, 30), latest.state());
            assertEquals("epoch 3", Files.readString(latest.variablesDirectory().resolve("weights")));
            assertFalse(Files.exists(path.resolve("checkpoints/epoch-0001")));
            assertTrue(Files.exists(path.resolve("checkpoints/epoch-0002")));
            // A writer that fails leaves the earlier checkpoints as they were and no temporary directory.
            assertThrows(RuntimeException.class, () -> run.saveCheckpoint(new RetrainState(4, 40), dir -> {
                throw new IllegalStateException("disk full");
            }));
            assertEquals(new RetrainState(3, 30), run.latestCheckpoint().orElseThrow().state());
            try (var entries = Files.list(path.resolve("checkpoints"))) {
                assertTrue(entries.noneMatch(p -> p.getFileName().toString().startsWith(".tmp-")));
            }
        }
    }

    @Test
    void resultRoundTripsWithAndWithoutTopFive(@TempDir Path directory) {
        try (ChildRunDirectory run = factory.create(directory.resolve("run"))) {
            assertEquals(Optional.empty(), run.readResult());
            Provenance finished = stored(edgeAll()).provenance().finished(Instant.parse("2026-01-03T00:00:00Z"));
            for (OptionalDouble top5 : List.of(OptionalDouble.of(0.99), OptionalDouble.empty())) {
                RetrainResult result = new RetrainResult(new ChildEvaluation(10000, 0.31, 0.9012, top5), 3349342, 3349342, finished);
                run.writeResult(result);
                assertEquals(Optional.of(result), run.readResult());
            }
        }
    }

    @Test
    void refusesToCreateOverAnotherRunOrOpenWhatIsNone(@TempDir Path directory) throws IOException {
        Path taken = directory.resolve("taken");
        write(taken.resolve("something"), "x");
        assertEquals(taken.toString(), assertThrows(InvalidInputException.class, () -> factory.create(taken)).source());
        assertEquals(taken.toString(), assertThrows(InvalidInputException.class, () -> factory.open(taken)).source());
    }

    @Test
    void aDamagedConfigurationIsRefusedNamingTheFileAndKey(@TempDir Path directory) throws IOException {
        Path path = directory.resolve("run");
        try (ChildRunDirectory run = factory.create(path)) {
            run.writeConfiguration(stored(edgeAll()));
        }
        Path file = path.resolve(FileChildRunDirectory.CONFIGURATION);
        Files.writeString(file, Files.readString(file).replace("layers=8", "layers=eight"));
        try (ChildRunDirectory run = factory.open(path)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, run::readConfiguration);
            assertEquals(file.toString(), e.source());
            assertTrue(e.problem().contains("layers"), e.problem());
        }
        Files.writeString(file, Files.readString(file).replace("layers=eight", "layers=8").replace("sep_conv_3x3", "sep_conv_9x9"));
        try (ChildRunDirectory run = factory.open(path)) {
            assertEquals(file.toString(), assertThrows(InvalidInputException.class, run::readConfiguration).source());
        }
    }

    @Test
    void onlyAnOpenRunHasALockFileAndASecondOpenIsRefused(@TempDir Path directory) {
        Path path = directory.resolve("run");
        Path lockFile = path.resolve("run.lock");
        try (ChildRunDirectory run = factory.create(path)) {
            run.writeConfiguration(stored(edgeAll()));
            assertTrue(Files.isRegularFile(lockFile));
        }
        assertFalse(Files.exists(lockFile), "a cleanly closed run leaves no lock file");
        try (ChildRunDirectory run = factory.open(path)) {
            assertTrue(Files.isRegularFile(lockFile));
            // Two 'train --resume' of one run would interleave their checkpoints.
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> factory.open(path));
            assertEquals(path.toString(), e.source());
            assertTrue(e.problem().startsWith("locked by this process"), e.problem());
        }
        assertFalse(Files.exists(lockFile), "closed after open");
    }

    @Test
    void theLockOfADeadProcessIsTakenOver(@TempDir Path directory) throws Exception {
        Path path = directory.resolve("run");
        try (ChildRunDirectory run = factory.create(path)) {
            run.writeConfiguration(stored(edgeAll()));
        }
        Process finished = new ProcessBuilder("true").start();
        assertEquals(0, finished.waitFor());
        Files.writeString(path.resolve("run.lock"), "pid=" + finished.pid() + "\nhost=" + InetAddress.getLocalHost().getHostName() + "\n");
        try (ChildRunDirectory run = factory.open(path)) {
            assertEquals(stored(edgeAll()), run.readConfiguration());
        }
        assertFalse(Files.exists(path.resolve("run.lock")));
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
