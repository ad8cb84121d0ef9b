package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.adapter.storage.search.FileRunDirectoryFactory;
import org.snas4j.application.port.out.storage.CheckpointStore;
import org.snas4j.application.port.out.storage.RunDirectory;
import org.snas4j.application.port.out.storage.SearchState;
import org.snas4j.bootstrap.Main;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * Kills a real search process with SIGKILL at random points of epochs after the first checkpoint,
 * resumes it each time, checks that every resumed process restored the newest checkpoint (its start
 * line names the epoch it continues at), and that the finished run has every epoch's metrics exactly
 * once and ends with the same architecture as an uninterrupted run with the same seed (within
 * TensorFlow's CPU non-determinism, see below).
 */
class KillAndResumeTest {

    private static final int EPOCHS = 5;
    private static final int KILLS = 3;
    private static final String[] SEARCH = SearchCommandTest.concat(
            new String[] {"search", "--epochs", String.valueOf(EPOCHS), "--seed", "5", "--arch-learning-rate", "0.01",
                "--lambda", "1", "--estimator", "expectation"}, SearchCommandTest.TINY);

    @Test
    void aKilledSearchResumesToTheUninterruptedResult(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("reference");
        Path twin = dir.resolve("twin");
        assertEquals(0, runToEnd(SearchCommandTest.concat(SEARCH, new String[] {"--output", reference.toString()})));
        assertEquals(0, runToEnd(SearchCommandTest.concat(SEARCH, new String[] {"--output", twin.toString()})));

        Path killed = dir.resolve("killed");
        long killSeed = System.nanoTime();
        Random random = new Random(killSeed);
        Path log = dir.resolve("process.log");
        Process first = start(log, SearchCommandTest.concat(SEARCH, new String[] {"--output", killed.toString()}));
        // The first kill waits for the first checkpoint; the time it took is the pace of the later kills.
        long started = System.nanoTime();
        awaitCheckpoint(first, killed, 1);
        long epochNanos = System.nanoTime() - started;
        int kills = 0;
        Process running = first;
        while (kills < KILLS && !finished(killed)) {
            // A random point of a later epoch: anywhere in the next one and a half epochs.
            TimeUnit.NANOSECONDS.sleep((long) (random.nextDouble() * 1.5 * epochNanos));
            boolean alive = running.isAlive();
            running.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            assertTrue(running.waitFor(30, TimeUnit.SECONDS));
            kills += alive ? 1 : 0;
            int completed = newestCheckpoint(killed);
            if (finished(killed)) {
                break;
            }
            running = start(log, "search", "--resume", killed.toString());
            // The resumed process must restore the newest checkpoint: its start line names the epoch it continues at.
            int continuedAt = awaitFirstEpoch(running, log);
            assertEquals(completed + 1, continuedAt, "resumed from the checkpoint of epoch " + completed + " (kill seed " + killSeed + ")");
        }
        assertTrue(kills >= 1, "at least one search process was killed while running (kill seed " + killSeed + ")");
        assertTrue(running.waitFor(5, TimeUnit.MINUTES), "the last resume finishes");
        assertEquals(0, running.exitValue());

        List<String> resumedMetrics = Files.readAllLines(killed.resolve("metrics.jsonl"));
        assertEquals(EPOCHS, resumedMetrics.size(), "every epoch exactly once: " + resumedMetrics);
        for (int e = 0; e < EPOCHS; e++) {
            assertTrue(resumedMetrics.get(e).startsWith("{\"epoch\":" + e + ","), resumedMetrics.get(e));
        }
        SearchState expected = lastState(reference);
        SearchState actual = lastState(killed);
        assertEquals(expected.completedEpochs(), actual.completedEpochs());
        assertEquals(expected.globalStep(), actual.globalStep());

        // TensorFlow's gradients are not bit-identical across processes: its C++ gradient builder sums
        // the contributions to a tensor in an order that depends on the process (measured: the forward
        // pass is identical, dLoss/dZ differs in the last bits), and training amplifies that. So the
        // resumed run is compared with the reference within a few times the difference between the
        // reference and an uninterrupted twin started the same way. A resume that lost the weights, the
        // logits, Adam's moments or the epoch is off by far more than that.
        double twinAlpha = meanAbsDifference(expected.logits(), lastState(twin).logits());
        double resumedAlpha = meanAbsDifference(expected.logits(), actual.logits());
        double movement = meanAbsDifference(expected.logits(), ArchitectureDistribution.initial(5).logits());
        assertTrue(movement > 0.05, "alpha moved during the run: " + movement);
        assertTrue(resumedAlpha <= 5 * twinAlpha + 0.1 * movement, "resumed alpha deviates by " + resumedAlpha
                + " on average; the uninterrupted twin by " + twinAlpha + "; alpha moved by " + movement);
        List<String> referenceMetrics = Files.readAllLines(reference.resolve("metrics.jsonl"));
        List<String> twinMetrics = Files.readAllLines(twin.resolve("metrics.jsonl"));
        double twinGap = 0;
        for (int e = 0; e < EPOCHS; e++) {
            twinGap = Math.max(twinGap, Math.abs(trainLoss(referenceMetrics.get(e)) - trainLoss(twinMetrics.get(e))));
        }
        // Lost weights would put the loss of the resumed epoch back near its first-epoch value (about 10%
        // higher on this tiny run); 3% or five twin gaps allow TensorFlow's noise.
        for (int e = 0; e < EPOCHS; e++) {
            double expectedLoss = trainLoss(referenceMetrics.get(e));
            assertEquals(expectedLoss, trainLoss(resumedMetrics.get(e)), Math.max(5 * twinGap, 0.03 * expectedLoss),
                    "training loss of epoch " + e + " (the weights were restored)");
        }
    }

    private static double trainLoss(String metricsLine) {
        Matcher m = Pattern.compile("\"trainLoss\":([-0-9.eE]+)").matcher(metricsLine);
        assertTrue(m.find(), metricsLine);
        return Double.parseDouble(m.group(1));
    }

    private static double meanAbsDifference(CellPair<EdgeOpMatrix> a, CellPair<EdgeOpMatrix> b) {
        double sum = 0;
        int count = 0;
        for (EdgeOpMatrix difference : List.of(a.normal().minus(b.normal()), a.reduction().minus(b.reduction()))) {
            for (double d : difference.toRowMajor()) {
                sum += Math.abs(d);
                count++;
            }
        }
        return sum / count;
    }

    private static boolean finished(Path run) throws IOException {
        Path metrics = run.resolve("metrics.jsonl");
        return Files.exists(run.resolve("genotypes/final-edge-all.pb")) && Files.exists(metrics)
                && Files.readAllLines(metrics).size() == EPOCHS;
    }

    /** Waits until the run holds the checkpoint of {@code epoch} (1-based; renamed into place, so complete). */
    private static void awaitCheckpoint(Process process, Path run, int epoch) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (newestCheckpoint(run) < epoch) {
            assertTrue(process.isAlive(), "the search died before its checkpoint of epoch " + epoch);
            assertTrue(System.nanoTime() < deadline, "no checkpoint of epoch " + epoch + " after 3 minutes");
            Thread.sleep(20);
        }
    }

    /** The newest epoch with a checkpoint directory, 0 when there is none. */
    static int newestCheckpoint(Path run) throws IOException {
        Path checkpoints = run.resolve("checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return 0;
        }
        try (var entries = Files.list(checkpoints)) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.matches("epoch-\\d{4}"))
                    .mapToInt(name -> Integer.parseInt(name.substring("epoch-".length()))).max().orElse(0);
        }
    }

    /** Waits for the search's start line ("... epochs 3..5; ...") in a fresh log and returns the first epoch (1-based). */
    private static int awaitFirstEpoch(Process process, Path log) throws Exception {
        Pattern startLine = Pattern.compile("epochs (\\d+)\\.\\.\\d+;");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            Matcher m = startLine.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            assertTrue(process.isAlive() || Files.exists(log) && startLine.matcher(Files.readString(log)).find(),
                    "the resumed search died before starting: " + (Files.exists(log) ? Files.readString(log) : ""));
            Thread.sleep(20);
        }
        throw new AssertionError("the resumed search logged no start line: " + Files.readString(log));
    }

    private static SearchState lastState(Path run) {
        try (RunDirectory directory = new FileRunDirectoryFactory().resume(run)) {
            CheckpointStore.Checkpoint<SearchState> checkpoint = directory.checkpoints().latestValid().orElseThrow();
            return checkpoint.state();
        }
    }

    private static int runToEnd(String... args) throws Exception {
        Process process = start(null, args);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "search finishes");
        return process.exitValue();
    }

    /** Starts {@code snas4j args} in a new JVM; its output replaces {@code log}'s content (discarded when null). */
    private static Process start(Path log, String... args) throws IOException {
        return Snas4jProcess.start(log, args);
    }
}
