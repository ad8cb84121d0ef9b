package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snas4j.adapter.storage.sweep.FileSweepFiles;
import org.snas4j.application.port.out.trial.SweepManifest;
import org.snas4j.application.port.out.trial.TrialRecord;
import org.snas4j.application.search.SearchConfiguration;

/** The sweep's command line: bad input refused in one line with exit code 2 and nothing written; dry runs. */
class SweepCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--seed 1,2 --bogus 3,4                         | Unknown option",
        "--seed 1,,2                                    | --seed: has an empty value",
        "--seed 2..1                                    | --seed: range 2..1 must run upwards",
        "--seed 1,1                                     | --seed: names a value twice",
        "--constraint mild,moderate --lambda 0.1        | --lambda: conflicts with --constraint",
        "--epochs 2,x                                   | --epochs: Invalid value for option '--epochs': 'x' is not an int",
        "--epochs 2,0                                   | --epochs: must be positive, got 0 (in trial 002-epochs-0)",
        "--constraint mild,extreme                      | --constraint: unknown constraint level",
        "--executor slurm                               | --executor: unknown executor 'slurm'",
        "--parallel 0                                   | --parallel: must be positive",
        "--threads 1,2                                  | Invalid value for option '--threads'",
        "--namespace ml                                 | --namespace: is a flag of --executor kubernetes",
        "--executor kubernetes --namespace ml           | --image: is required with --executor kubernetes",
        "--executor kubernetes --namespace ml --image i --volume-claim c --cpu two | --cpu: 'two' is not a Kubernetes quantity",
        "--device tpu                                   | --device: unknown device 'tpu'",
    })
    void refusesBadInputInOneLineWritingNothing(String arguments, String expected) {
        Path output = dir.resolve("sweep");
        List<String> args = new ArrayList<>(List.of("sweep", "-o", output.toString()));
        args.addAll(List.of(arguments.trim().split("\\s+")));

        CommandLineRunner result = CommandLineRunner.run(args.toArray(String[]::new));

        assertEquals(ExitCodes.INVALID_INPUT, result.exitCode(), result.err());
        assertTrue(result.err().contains(expected), result.err());
        assertEquals(1, result.err().lines().count(), "one line: " + result.err());
        assertFalse(Files.exists(output), "nothing written");
    }

    @Test
    void summaryTakesNoOtherFlagAndRefusesADirectoryWithoutASweep() throws Exception {
        CommandLineRunner withGrid = CommandLineRunner.run("sweep", "--summary", dir.toString(), "--seed", "1,2");
        CommandLineRunner noSweep = CommandLineRunner.run("sweep", "--summary", dir.toString());

        assertEquals(ExitCodes.INVALID_INPUT, withGrid.exitCode());
        assertTrue(withGrid.err().contains("--seed: conflicts with --summary"), withGrid.err());
        assertEquals(ExitCodes.INVALID_INPUT, noSweep.exitCode());
        assertTrue(noSweep.err().contains(dir + ": holds no sweep"), noSweep.err());
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(0, entries.count(), "nothing written");
        }
    }

    @Test
    void aDirectoryOfAnotherSweepOrOfSomethingElseIsRefusedAndLeftAsItWas() throws Exception {
        Path other = dir.resolve("other");
        FileSweepFiles files = new FileSweepFiles();
        SearchConfiguration configuration = SweepGrid.configuration(List.of("--seed", "1"));
        files.writeManifest(other, new SweepManifest("sother12", List.of(), List.of(), List.of(TrialRecord.pending("001-seed-1",
                Map.of("--seed", "1"), List.of("--seed", "1"), configuration, Instant.EPOCH)), Instant.EPOCH, "test", "sweep --seed 1", "local"));
        byte[] manifest = Files.readAllBytes(other.resolve(FileSweepFiles.MANIFEST));
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");

        CommandLineRunner another = CommandLineRunner.run("sweep", "--seed", "5,6", "-o", other.toString());
        CommandLineRunner notASweep = CommandLineRunner.run("sweep", "--seed", "5,6", "-o", foreign.toString());

        assertEquals(ExitCodes.INVALID_INPUT, another.exitCode(), another.err());
        assertTrue(another.err().contains(other + ": holds another sweep (sother12)"), another.err());
        assertEquals(1, another.err().lines().count(), another.err());
        assertEquals(ExitCodes.INVALID_INPUT, notASweep.exitCode(), notASweep.err());
        assertTrue(notASweep.err().contains("holds files but no sweep manifest"), notASweep.err());
        assertTrue(java.util.Arrays.equals(manifest, Files.readAllBytes(other.resolve(FileSweepFiles.MANIFEST))), "manifest untouched");
        try (Stream<Path> entries = Files.list(other)) {
            assertEquals(1, entries.count(), "no trial started");
        }
        try (Stream<Path> entries = Files.list(foreign)) {
            assertEquals(1, entries.count());
        }
    }

    @Test
    void aDryRunPrintsTheJobsOrCommandsOfEveryTrialAndWritesNothing() {
        Path output = dir.resolve("sweep");

        CommandLineRunner jobs = CommandLineRunner.run("sweep", "--seed", "1..3", "--constraint", "mild,aggressive", "--epochs", "2",
                "--executor", "kubernetes", "--namespace", "ml", "--image", "registry.example.com/snas4j:0.1.0", "--volume-claim", "sweeps",
                "--cpu", "2", "--memory", "4Gi", "--device", "gpu", "--dry-run", "-o", output.toString());
        CommandLineRunner local = CommandLineRunner.run("sweep", "--seed", "1,2", "--parallel", "2", "--dry-run", "-o", output.toString());

        assertEquals(ExitCodes.OK, jobs.exitCode(), jobs.err());
        assertEquals(6, jobs.out().lines().filter(l -> l.equals("kind: \"Job\"")).count(), jobs.out());
        assertEquals(6, jobs.out().lines().filter(l -> l.equals("---")).count(), "one YAML document per Job");
        assertTrue(jobs.out().contains("nvidia.com/gpu: \"1\"") && jobs.out().contains("- \"/snas4j/sweep/006-seed-3-constraint-aggressive\""),
                jobs.out());
        assertEquals(ExitCodes.OK, local.exitCode(), local.err());
        assertEquals(2, local.out().lines().filter(l -> l.contains(" search --output ") && l.contains("--threads")).count(), local.out());
        assertTrue(local.out().contains("# 2 of 2 trials would be launched (local, 2 trials at a time)"), local.out());
        assertFalse(Files.exists(output), "a dry run writes nothing");
    }
}
