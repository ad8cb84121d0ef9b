package org.snas4j.adapter.storage.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.storage.genotype.ProtobufGenotypeRepository;
import org.snas4j.adapter.storage.io.ProtoFiles;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.PortFixtures;
import org.snas4j.application.port.out.RunDirectory;
import org.snas4j.application.port.out.RunDirectoryContract;
import org.snas4j.application.port.out.RunDirectoryFactory;
import org.snas4j.application.search.EpochMetrics;
import org.snas4j.application.search.Provenance;
import org.snas4j.proto.ProvenanceProto;

class FileRunDirectoryFactoryTest extends RunDirectoryContract {

    private final FileRunDirectoryFactory factory = new FileRunDirectoryFactory();

    @Override
    protected RunDirectoryFactory factory() {
        return factory;
    }

    @Test
    void theRunHasTheDocumentedLayout() {
        Path directory = parent.resolve("run");
        try (RunDirectory run = factory.create(directory)) {
            run.writeConfiguration(PortFixtures.configuration(), PortFixtures.provenance());
            run.writeGenotype("edge-all", PortFixtures.edgeAllGenotype(2));
            run.recordMetrics(PortFixtures.metrics(0));
            run.checkpoints().save(PortFixtures.searchState(1, 1), PortFixtures.variables(1));
            assertTrue(Files.isRegularFile(directory.resolve("run.lock")), "run.lock while the run is open");
        }
        for (String file : List.of("configuration.textproto", "configuration.json", "genotypes/edge-all.pb", "genotypes/edge-all.textproto",
                "genotypes/edge-all.json", "metrics.jsonl", "checkpoints/epoch-0001/manifest.textproto")) {
            assertTrue(Files.isRegularFile(directory.resolve(file)), file);
        }
        assertFalse(Files.exists(directory.resolve("run.lock")), "a cleanly closed run leaves no lock file");
    }

    @Test
    void onlyAnOpenRunHasALockFile() {
        Path directory = parent.resolve("run");
        Path lockFile = directory.resolve("run.lock");
        try (RunDirectory run = factory.create(directory)) {
            assertTrue(Files.isRegularFile(lockFile));
        }
        assertFalse(Files.exists(lockFile), "closed after create");
        try (RunDirectory resumed = factory.resume(directory)) {
            assertTrue(Files.isRegularFile(lockFile));
        }
        assertFalse(Files.exists(lockFile), "closed after resume");
        RunDirectory closedTwice = factory.resume(directory);
        closedTwice.close();
        closedTwice.close();
        assertFalse(Files.exists(lockFile), "closed twice");
    }

    @Test
    void everyGenotypeFileHoldsTheGenotype() {
        Path directory = parent.resolve("run");
        try (RunDirectory run = factory.create(directory)) {
            run.writeGenotype("search-epoch-3", PortFixtures.top2Genotype(3));
        }
        for (String extension : List.of("pb", "textproto", "json")) {
            assertEquals(PortFixtures.top2Genotype(3),
                    new ProtobufGenotypeRepository().load(directory.resolve("genotypes/search-epoch-3." + extension)), extension);
        }
    }

    @Test
    void aGenotypeNameCannotLeaveTheGenotypesDirectory() {
        try (RunDirectory run = factory.create(parent.resolve("run"))) {
            for (String name : List.of("../escape", "a/b", ".hidden", "")) {
                assertThrows(IllegalArgumentException.class, () -> run.writeGenotype(name, PortFixtures.edgeAllGenotype(0)), name);
            }
        }
        assertFalse(Files.exists(parent.resolve("escape.pb")));
    }

    @Test
    void bothConfigurationFilesHoldEveryFieldOfConfigurationAndProvenance() {
        Path directory = parent.resolve("run");
        Provenance finished = PortFixtures.provenance().finished(Instant.parse("2025-01-02T05:00:00Z"));
        try (RunDirectory run = factory.create(directory)) {
            run.writeConfiguration(PortFixtures.configuration(), PortFixtures.provenance());
            run.writeConfiguration(PortFixtures.configuration(), finished);
        }
        for (String name : List.of("configuration.textproto", "configuration.json")) {
            ProvenanceProto proto = ProtoFiles.read(directory.resolve(name), ProvenanceProto.getDefaultInstance());
            assertEveryFieldSet(proto);
            assertEquals(new org.snas4j.application.port.out.StoredRun(PortFixtures.configuration(), finished),
                    ConfigurationProtoMapper.fromProto(proto), name);
        }
    }

    @Test
    void aRunningProvenanceHasNoFinishTime() {
        ProvenanceProto proto = ConfigurationProtoMapper.toProto(PortFixtures.configuration(), PortFixtures.provenance());
        assertFalse(proto.hasFinishedAt());
        assertEquals(PortFixtures.provenance(), ConfigurationProtoMapper.fromProto(proto).provenance());
    }

    @Test
    void metricsAreOneCompactJsonObjectPerLineWithEveryField() throws IOException {
        Path directory = parent.resolve("run");
        try (RunDirectory run = factory.create(directory)) {
            run.recordMetrics(PortFixtures.metrics(3));
            run.recordMetrics(PortFixtures.metrics(1));
        }
        List<String> lines = Files.readAllLines(directory.resolve("metrics.jsonl"));
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("{\"epoch\":1,"), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"epoch\":3,"), lines.get(1));
        assertEveryFieldSet(EpochMetricsProtoMapper.toProto(PortFixtures.metrics(3)));
    }

    @Test
    void aDamagedMetricsFileIsNamedWithItsLineAndDoesNotKeepTheRunLocked() throws IOException {
        Path directory = parent.resolve("run");
        try (RunDirectory run = factory.create(directory)) {
            run.recordMetrics(PortFixtures.metrics(0));
            run.recordMetrics(PortFixtures.metrics(1));
        }
        Path metrics = directory.resolve("metrics.jsonl");
        List<String> lines = Files.readAllLines(metrics);
        Files.write(metrics, List.of(lines.get(0), lines.get(1).substring(0, 40)));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> factory.resume(directory));
        assertEquals(metrics.toString(), e.source());
        assertTrue(e.problem().startsWith("line 2: "), e.problem());

        Files.write(metrics, List.of(lines.get(0)));
        try (RunDirectory resumed = factory.resume(directory)) {
            assertEquals(List.of(PortFixtures.metrics(0)), resumed.metrics());
        }
    }

    @Test
    void eachEpochKeepsItsAlphaAndALineWithoutAlphaReadsAsARunThatDidNotKeepIt() throws IOException {
        Path directory = parent.resolve("run");
        try (RunDirectory run = factory.create(directory)) {
            run.recordMetrics(PortFixtures.metrics(0));
        }
        Path metrics = directory.resolve("metrics.jsonl");
        String line = Files.readAllLines(metrics).get(0);
        assertTrue(line.contains("\"alphaLogits\":["), line);
        // A line as runs recorded it before alpha was kept, and one whose alpha lost a value.
        String withoutAlpha = line.replaceFirst(",\"alphaLogits\":\\[[^\\]]*\\]", "").replace("\"epoch\":0", "\"epoch\":1");
        String truncatedAlpha = line.replaceFirst("(\"alphaLogits\":\\[)[^,]*,", "$1").replace("\"epoch\":0", "\"epoch\":2");
        Files.write(metrics, List.of(line, withoutAlpha));

        try (RunDirectory resumed = factory.resume(directory)) {
            assertEquals(PortFixtures.metrics(0).alphaLogits(), resumed.metrics().get(0).alphaLogits());
            assertTrue(resumed.metrics().get(1).alphaLogits().isEmpty());
        }

        Files.write(metrics, List.of(line, withoutAlpha, truncatedAlpha));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> factory.resume(directory));
        assertEquals("line 3: alpha_logits has 223 values, expected 224 (2 cells x 14 edges x 8 ops)", e.problem());
    }

    @Test
    void notANumberSurvivesTheMetricsFile() {
        Path directory = parent.resolve("run");
        EpochMetrics m = PortFixtures.metrics(0);
        EpochMetrics withNaN = new EpochMetrics(0, m.temperature(), m.learningRate(), Double.NaN, m.trainAccuracy(), m.supernetAccuracy(),
                Double.POSITIVE_INFINITY, m.childLoss(), m.expectedParameters(), m.expectedFlops(), m.expectedMac(), m.penalty(), m.entropy(),
                m.parameterFreeEdges(), m.seconds(), Double.NaN);
        factory.create(directory).close();
        try (RunDirectory run = factory.resume(directory)) {
            run.recordMetrics(withNaN);
        }
        try (RunDirectory run = factory.resume(directory)) {
            assertEquals(List.of(withNaN), run.metrics());
        }
    }

    @Test
    void aClosedRunRefusesWrites() {
        RunDirectory run = factory.create(parent.resolve("run"));
        run.close();
        assertThrows(IllegalStateException.class, () -> run.recordMetrics(PortFixtures.metrics(0)));
        assertThrows(IllegalStateException.class, run::checkpoints);
    }

    @Test
    void aFileInPlaceOfTheDirectoryIsRefused() throws IOException {
        Path file = Files.writeString(parent.resolve("run"), "x");
        assertEquals("exists and is not a directory", assertThrows(InvalidInputException.class, () -> factory.create(file)).problem());
        assertEquals("is not a directory", assertThrows(InvalidInputException.class, () -> factory.resume(file)).problem());
    }

    @Test
    void anotherProcessHoldingTheRunIsNamedAndItsDeathReleasesIt() throws Exception {
        Path directory = parent.resolve("run");
        Process holder = childJvm(directory, "hold");
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String first = output.readLine();
            assertEquals("HOLDING " + directory, first);

            InvalidInputException e = assertThrows(InvalidInputException.class, () -> factory.resume(directory));
            assertEquals(directory.toString(), e.source());
            assertTrue(e.problem().startsWith("locked by process " + holder.pid() + " on "), e.problem());
            assertEquals("already holds a run; resume it or choose another directory",
                    assertThrows(InvalidInputException.class, () -> factory.create(directory)).problem());
        } finally {
            // SIGKILL: the holder cannot close the run; only the operating system releases its lock.
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        assertTrue(Files.readString(directory.resolve("run.lock")).startsWith("pid=" + holder.pid() + "\n"), "a crash leaves its lock record");
        try (RunDirectory resumed = factory.resume(directory)) {
            assertEquals(directory, resumed.path());
        }
    }

    @Test
    void aHolderThatClosesCleanlyLeavesNoStaleRecord() throws Exception {
        Path directory = parent.resolve("run");
        Process holder = childJvm(directory, "hold");
        BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("HOLDING " + directory, output.readLine());
        String recorded = Files.readString(directory.resolve("run.lock"));
        assertTrue(recorded.startsWith("pid=" + holder.pid() + "\nhost="), recorded);

        holder.getOutputStream().close();
        assertEquals("RELEASED", output.readLine());
        assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        assertFalse(Files.exists(directory.resolve("run.lock")), "a holder that finished cleanly leaves no run.lock");
        try (RunDirectory resumed = factory.resume(directory)) {
            assertEquals(directory, resumed.path());
        }
    }

    @Test
    void aLockRecordOfADeadProcessIsTakenOver() throws Exception {
        Path directory = parent.resolve("run");
        factory.create(directory).close();
        Process finished = new ProcessBuilder("true").start();
        assertEquals(0, finished.waitFor());
        Files.writeString(directory.resolve("run.lock"), "pid=" + finished.pid() + "\nhost=" + InetAddress.getLocalHost().getHostName() + "\n");

        try (RunDirectory resumed = factory.resume(directory)) {
            assertEquals(directory, resumed.path());
            assertTrue(Files.readString(directory.resolve("run.lock")).startsWith("pid=" + ProcessHandle.current().pid() + "\n"));
        }
        assertFalse(Files.exists(directory.resolve("run.lock")), "the taken-over run closes cleanly");
    }

    @Test
    void aLiveProcessRecordedOnThisHostKeepsTheRunEvenWithoutAnOsLock() throws Exception {
        // Some network file systems grant every lock; the recorded, still running holder must win.
        Path directory = parent.resolve("run");
        factory.create(directory).close();
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Files.writeString(directory.resolve("run.lock"), "pid=" + sleeper.pid() + "\nhost=" + InetAddress.getLocalHost().getHostName()
                    + "\nstarted=" + sleeper.info().startInstant().orElseThrow() + "\n");

            InvalidInputException e = assertThrows(InvalidInputException.class, () -> factory.resume(directory));
            assertTrue(e.problem().startsWith("locked by process " + sleeper.pid()), e.problem());
            assertTrue(e.problem().endsWith("which is still running (the file system did not report its lock)"), e.problem());
        } finally {
            sleeper.destroyForcibly();
            sleeper.waitFor();
        }
        try (RunDirectory resumed = factory.resume(directory)) {
            assertEquals(directory, resumed.path());
        }
    }

    @Test
    void aRunWithoutALockFileIsKnownByItsConfigurationOrItsLayout() throws IOException {
        Path directory = parent.resolve("run");
        try (RunDirectory run = factory.create(directory)) {
            run.writeConfiguration(PortFixtures.configuration(), PortFixtures.provenance());
        }
        assertFalse(Files.exists(directory.resolve("run.lock")));
        Path withoutConfiguration = parent.resolve("bare");
        factory.create(withoutConfiguration).close();
        try (RunDirectory resumed = factory.resume(withoutConfiguration)) {
            assertEquals(withoutConfiguration, resumed.path());
        }
        try (RunDirectory resumed = factory.resume(directory)) {
            assertEquals(directory, resumed.path());
        }
        assertThrows(InvalidInputException.class, () -> factory.create(directory));
    }

    @Test
    void aRefusedSecondOpenInTheHoldingProcessKeepsTheLockForOtherProcesses() throws Exception {
        // POSIX drops a process's lock when it closes ANY descriptor of the file; a careless second open
        // in the holding JVM would leave the run open to every other process.
        Path directory = parent.resolve("run");
        try (RunDirectory run = factory.create(directory)) {
            assertEquals(directory, run.path());
            assertTrue(assertThrows(InvalidInputException.class, () -> factory.resume(directory)).problem().startsWith("locked by this process"));
            assertThrows(InvalidInputException.class, () -> factory.resume(directory));

            Process probe = childJvm(directory, "probe");
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
            String answer = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(answer.startsWith("REFUSED locked by process " + ProcessHandle.current().pid() + " on "), answer);
            // Refused by the operating system's lock, not only by the PID check behind it.
            assertFalse(answer.contains("did not report its lock"), answer);
        }
    }

    private static Process childJvm(Path directory, String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:-UsePerfData", "-cp", System.getProperty("java.class.path"),
                RunHolderMain.class.getName(), directory.toString(), mode)
                .redirectErrorStream(true)
                .start();
    }

    /** Every field differs from its default, so a mapper that forgets one fails here. */
    private static void assertEveryFieldSet(Message message) {
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.getType() == FieldDescriptor.Type.MESSAGE) {
                assertTrue(message.hasField(field), field.getFullName());
                Message value = (Message) message.getField(field);
                if (value.getDescriptorForType().getFile().getPackage().equals("snas4j")) {
                    assertEveryFieldSet(value);
                }
            } else {
                assertFalse(message.getField(field).equals(field.getDefaultValue()), field.getFullName() + " is at its default");
            }
        }
    }
}
