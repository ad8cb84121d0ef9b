package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search whose loss blows up stops with exit code 3 and one line, and records no broken epoch. */
class DivergenceTest {

    @Test
    void aDivergingSearchStopsWithExitCodeThree(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");

        CommandLineRunner result = CommandLineRunner.run(SearchCommandTest.concat(
                new String[] {"search", "--epochs", "2", "--learning-rate", "1e30", "--output", run.toString()}, SearchCommandTest.TINY));

        assertEquals(ExitCodes.DIVERGED, result.exitCode(), result.err());
        assertTrue(result.err().contains("snas4j: loss or gradient became NaN or infinite at epoch 1"), result.err());
        assertEquals(1, result.err().lines().filter(l -> l.startsWith("snas4j: ")).count(), result.err());
        assertTrue(Files.exists(run.resolve("configuration.textproto")), "the run keeps its configuration for a resume");
        assertFalse(Files.exists(run.resolve("checkpoints").resolve("epoch-0001")), "no checkpoint of the diverged epoch");
        assertTrue(!Files.exists(run.resolve("metrics.jsonl")) || Files.readAllLines(run.resolve("metrics.jsonl")).isEmpty(),
                "no metrics of the diverged epoch");
    }
}
