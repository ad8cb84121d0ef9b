package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid flag values are refused with a one-line usage error before any work starts. */
class SearchCommandValidationTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "--epochs, -1, '--epochs: must be positive, got -1'",
        "--channels, 0, '--channels: must be positive, got 0'",
        "--layers, 0, '--layers: must be positive, got 0'",
        "--batch, 100000, '--batch: batch size 100000 is larger than the'",
        "--constraint, extreme, '--constraint: unknown'",
        "--cost, watts, '--cost: unknown cost metric'",
        "--estimator, magic, '--estimator: unknown'",
        "--dataset, imagenet, '--dataset: unknown dataset'",
        "--tau-floor, 2, '--tau-floor: must be positive and at most the start temperature'",
        "--arch-learning-rate, -1, '--arch-learning-rate: must be positive, got -1.0'",
        "--warmup-epochs, 7, '--warmup-epochs: must be below the epochs (7)'",
        "--child-calibration-batches, -1, '--child-calibration-batches: must be zero'",
        "--threads, -1, '--threads: must be zero (all cores) or positive, got -1'",
        "--validation-fraction, 1.5, '--validation-fraction: must be strictly between 0 and 1'",
        "--device, tpu, '--device: unknown device'",
        "--epochs, many, 'Invalid value for option ''--epochs'''",
    })
    void refusesABadFlagWithOneLineAndWritesNothing(String flag, String value, String expected) {
        Path output = dir.resolve("run");

        CommandLineRunner result = CommandLineRunner.run("search", flag, value, "--output", output.toString());

        assertEquals(ExitCodes.INVALID_INPUT, result.exitCode(), result.err());
        assertTrue(result.err().contains(expected), result.err());
        assertTrue(result.err().lines().filter(l -> l.startsWith("snas4j: ")).count() <= 1, result.err());
        assertFalse(Files.exists(output), "no run directory is created for a refused flag");
    }
}
