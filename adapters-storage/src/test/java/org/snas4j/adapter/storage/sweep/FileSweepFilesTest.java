package org.snas4j.adapter.storage.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.PortFixtures;
import org.snas4j.application.port.out.trial.SweepManifest;
import org.snas4j.application.port.out.trial.TrialHandle;
import org.snas4j.application.port.out.trial.TrialRecord;
import org.snas4j.application.port.out.trial.TrialState;

class FileSweepFilesTest {

    @TempDir
    Path dir;

    private final FileSweepFiles files = new FileSweepFiles();

    static SweepManifest manifest() {
        Map<String, String> assignment = new LinkedHashMap<>();
        assignment.put("--seed", "2");
        assignment.put("--constraint", "aggressive");
        TrialRecord pending = TrialRecord.pending("001-seed-1-constraint-mild", Map.of("--seed", "1", "--constraint", "mild"),
                List.of("--epochs", "3", "--seed", "1", "--constraint", "mild"), PortFixtures.configuration(), Instant.parse("2026-11-29T10:00:00Z"));
        TrialRecord failed = TrialRecord.pending("002-seed-2-constraint-aggressive", assignment,
                        List.of("--epochs", "3", "--seed", "2", "--constraint", "aggressive"), PortFixtures.configuration().withSeed(2),
                        Instant.parse("2026-11-29T10:00:00Z"))
                .launched(new TrialHandle("snas4j-sabc-002-1"), 1, Instant.parse("2026-11-29T10:01:00Z"))
                .withCompletedEpochs(2, Instant.parse("2026-11-29T10:05:00Z"))
                .inState(TrialState.FAILED, "Job failed: BackoffLimitExceeded", Instant.parse("2026-11-29T10:06:00.5Z"));
        return new SweepManifest("sabc1234", List.of(new SweepManifest.Axis("--seed", List.of("1", "2")),
                new SweepManifest.Axis("--constraint", List.of("mild", "aggressive"))), List.of("--epochs", "3"), List.of(pending, failed),
                Instant.parse("2026-11-29T09:59:59.123Z"), "0.1.0-SNAPSHOT (abc)", "sweep --seed 1,2", "local, 2 trials at a time");
    }

    @Test
    void theManifestReadsBackAsWrittenInProtobufText() throws Exception {
        Path sweep = dir.resolve("sweep");
        assertTrue(files.isAbsentOrEmpty(sweep));
        SweepManifest written = manifest();

        files.writeManifest(sweep, written);

        assertEquals(Optional.of(written), files.readManifest(sweep));
        String text = Files.readString(sweep.resolve(FileSweepFiles.MANIFEST));
        assertTrue(text.contains("state: TRIAL_STATE_FAILED") && text.contains("handle: \"snas4j-sabc-002-1\""), text);
        assertTrue(!files.isAbsentOrEmpty(sweep));
        assertEquals(Optional.empty(), files.readManifest(dir), "no manifest, no sweep");
    }

    @Test
    void aDamagedManifestIsRefusedNamingTheFile() throws Exception {
        Path sweep = dir.resolve("sweep");
        files.writeManifest(sweep, manifest());
        Path file = sweep.resolve(FileSweepFiles.MANIFEST);
        String text = Files.readString(file);

        Files.writeString(file, text.substring(0, text.length() / 2));
        InvalidInputException truncated = assertThrows(InvalidInputException.class, () -> files.readManifest(sweep));
        Files.writeString(file, text.replace("state: TRIAL_STATE_FAILED", "state: TRIAL_STATE_UNSPECIFIED"));
        InvalidInputException noState = assertThrows(InvalidInputException.class, () -> files.readManifest(sweep));

        assertTrue(truncated.getMessage().startsWith(file.toString()), truncated.getMessage());
        assertTrue(noState.getMessage().contains("has no state"), noState.getMessage());
    }

    @Test
    void aRunningTrialsMetricsAreReadWithoutItsLockAndTheSweepLockIsExclusive() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        assertEquals(List.of(), files.metrics(run));
        Files.writeString(run.resolve("metrics.jsonl"), "{\"epoch\":0,\"childAccuracy\":0.5}\n{\"epoch\":1,\"childAccuracy\":0.6}\n");
        assertEquals(2, files.metrics(run).size());
        Files.writeString(run.resolve("metrics.jsonl"), "{\"epoch\":");
        assertThrows(InvalidInputException.class, () -> files.metrics(run));

        try (AutoCloseable lock = files.lock(run)) {
            InvalidInputException second = assertThrows(InvalidInputException.class, () -> files.lock(run));
            assertTrue(second.getMessage().contains("locked by this process"), second.getMessage());
        }
    }
}
