package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real (tiny) search on the bundled data through the command line, in-process. */
class SearchCommandTest {

    static final String[] TINY = {"--dataset", "fashion-mnist-subset", "--train-limit", "400", "--layers", "3", "--channels", "4", "--batch", "32", "--threads", "1"};

    @Test
    void writesACompleteRunDirectory(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");

        CommandLineRunner result = CommandLineRunner.run(concat(new String[] {"search", "--epochs", "2", "--output", run.toString()}, TINY));

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("Search finished: " + run), result.out());
        for (String name : List.of("final-edge-all", "final-top2", "epoch-0000-edge-all", "epoch-0001-top2")) {
            for (String extension : List.of(".pb", ".textproto", ".json")) {
                assertTrue(Files.size(run.resolve("genotypes").resolve(name + extension)) > 0, name + extension);
            }
        }
        List<String> metrics = Files.readAllLines(run.resolve("metrics.jsonl"));
        assertEquals(2, metrics.size(), metrics.toString());
        assertTrue(metrics.get(1).contains("\"childAccuracy\""), metrics.get(1));
        try (Stream<Path> checkpoints = Files.list(run.resolve("checkpoints"))) {
            assertTrue(checkpoints.anyMatch(p -> p.getFileName().toString().startsWith("epoch-")), "a checkpoint per epoch");
        }
        CommandLineRunner described = CommandLineRunner.run("describe", run.toString(), "--layers", "3", "--channels", "4",
                "--input-size", "28", "--input-channels", "1");
        assertEquals(ExitCodes.OK, described.exitCode(), described.err());
        assertTrue(described.out().contains("edge_all form"), described.out());
    }

    @Test
    void refusesToOverwriteAnExistingRun(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        assertEquals(ExitCodes.OK, CommandLineRunner.run(concat(new String[] {"search", "--epochs", "1", "--output", run.toString()}, TINY)).exitCode());
        byte[] metricsBefore = Files.readAllBytes(run.resolve("metrics.jsonl"));

        CommandLineRunner again = CommandLineRunner.run(concat(new String[] {"search", "--epochs", "1", "--output", run.toString()}, TINY));

        assertEquals(ExitCodes.INVALID_INPUT, again.exitCode(), again.err());
        assertTrue(again.err().contains(run.toString()), again.err());
        assertEquals(new String(metricsBefore), Files.readString(run.resolve("metrics.jsonl")), "the first run is untouched");

        // A sweep's retried trial: the run there is continued (its recorded settings win), neither refused nor started over.
        CommandLineRunner retried = CommandLineRunner.run(concat(new String[] {"search", "--epochs", "3", "--output", run.toString(),
            "--resume-existing"}, TINY));
        assertEquals(ExitCodes.OK, retried.exitCode(), retried.err());
        assertEquals(new String(metricsBefore), Files.readString(run.resolve("metrics.jsonl")), "its one recorded epoch, not three new ones");
        CommandLineRunner withoutOutput = CommandLineRunner.run("search", "--resume-existing");
        assertEquals(ExitCodes.INVALID_INPUT, withoutOutput.exitCode());
        assertTrue(withoutOutput.err().contains("--resume-existing: needs --output"), withoutOutput.err());
    }

    static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
