package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.adapter.storage.run.FileRunDirectoryFactory;
import org.snas4j.application.port.out.CheckpointStore;
import org.snas4j.application.port.out.RunDirectory;
import org.snas4j.application.search.SearchState;
import org.snas4j.bootstrap.Main;

/**
 * Kills a real search process with SIGKILL at random points, resumes it each time, and checks that
 * the finished run has every epoch's metrics exactly once and ends with the same architecture as an
 * uninterrupted run with the same seed.
 */
class KillAndResumeTest {

    private static final int EPOCHS = 4;
    private static final int KILLS = 3;
    private static final String[] SEARCH = SearchCommandTest.concat(
            new String[] {"search", "--epochs", String.valueOf(EPOCHS), "--seed", "5"}, SearchCommandTest.TINY);

    @Test
    void aKilledSearchResumesToTheUninterruptedResult(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("reference");
        assertEquals(0, runToEnd(SearchCommandTest.concat(SEARCH, new String[] {"--output", reference.toString()})));

        Path killed = dir.resolve("killed");
        Random random = new Random(20261128);
        Process first = start(SearchCommandTest.concat(SEARCH, new String[] {"--output", killed.toString()}));
        killAfterStart(first, killed, random);
        for (int kill = 1; kill < KILLS; kill++) {
            if (finished(killed)) {
                break;
            }
            killAfterStart(start("search", "--resume", killed.toString()), killed, random);
        }
        if (!finished(killed)) {
            assertEquals(0, runToEnd("search", "--resume", killed.toString()));
        }

        List<String> referenceMetrics = Files.readAllLines(reference.resolve("metrics.jsonl"));
        List<String> resumedMetrics = Files.readAllLines(killed.resolve("metrics.jsonl"));
        assertEquals(EPOCHS, resumedMetrics.size(), "every epoch exactly once: " + resumedMetrics);
        IntStream.range(0, EPOCHS).forEach(e -> assertTrue(resumedMetrics.get(e).contains("\"epoch\":" + e) || resumedMetrics.get(e).contains("\"epoch\": " + e),
                resumedMetrics.get(e)));
        assertEquals(referenceMetrics.size(), resumedMetrics.size());

        SearchState expected = lastState(reference);
        SearchState actual = lastState(killed);
        assertEquals(expected.completedEpochs(), actual.completedEpochs());
        assertEquals(expected.globalStep(), actual.globalStep());
        assertArrayEquals(expected.logits().normal().toRowMajor(), actual.logits().normal().toRowMajor(), 0.0,
                "identical alpha after the same number of steps");
        assertArrayEquals(expected.logits().reduction().toRowMajor(), actual.logits().reduction().toRowMajor(), 0.0);
        assertArrayEquals(Files.readAllBytes(reference.resolve("genotypes/final-edge-all.pb")),
                Files.readAllBytes(killed.resolve("genotypes/final-edge-all.pb")));
    }

    private static boolean finished(Path run) throws IOException {
        Path metrics = run.resolve("metrics.jsonl");
        return Files.exists(run.resolve("genotypes/final-edge-all.pb")) && Files.exists(metrics)
                && Files.readAllLines(metrics).size() == EPOCHS;
    }

    /** Waits until the run directory holds its configuration, then kills the process after a random delay. */
    private static void killAfterStart(Process process, Path run, Random random) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(run.resolve("configuration.textproto")) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(500 + random.nextInt(4000));
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    private static SearchState lastState(Path run) {
        try (RunDirectory directory = new FileRunDirectoryFactory().resume(run)) {
            CheckpointStore.Checkpoint checkpoint = directory.checkpoints().latestValid().orElseThrow();
            return checkpoint.state();
        }
    }

    private static int runToEnd(String... args) throws Exception {
        Process process = start(args);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "search finishes");
        return process.exitValue();
    }

    private static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .directory(new File(".")).start();
    }
}
