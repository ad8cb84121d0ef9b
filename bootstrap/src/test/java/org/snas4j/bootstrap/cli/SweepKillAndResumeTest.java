package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.adapter.storage.sweep.FileSweepFiles;
import org.snas4j.application.port.out.trial.SweepManifest;
import org.snas4j.application.port.out.trial.TrialHandle;
import org.snas4j.application.port.out.trial.TrialRecord;
import org.snas4j.application.port.out.trial.TrialState;

/**
 * A tiny real sweep with the local executor: two searches as child processes, the sweep killed with
 * SIGKILL once the first trial has a checkpoint, together with that trial's process (the second runs
 * on as an orphan). The same command then finishes the sweep: the interrupted trial is resumed from
 * its checkpoint ('search --resume'), the orphan is followed and not launched again, every epoch of
 * every trial is recorded exactly once, and the summary, front and best genotypes are written.
 */
class SweepKillAndResumeTest {

    private static final Pattern START_LINE = Pattern.compile("epochs (\\d+)\\.\\.\\d+;");
    /** Generous: a tiny search takes seconds on an idle machine, many minutes beside a long experiment. */
    private static final long RUN_MINUTES = 20;
    private static final int EPOCHS = 4;

    @TempDir
    Path dir;

    @Test
    void aKilledSweepResumesItsInterruptedTrialAndFollowsTheOneStillRunning() throws Exception {
        Path sweep = dir.resolve("sweep");
        // Four epochs: after the first checkpoint the trial has three more to run, so it is still running when the test
        // (as slow as the trial on a loaded machine) kills it; with two it could finish first.
        String[] command = {"sweep", "--seed", "1,2", "--epochs", Integer.toString(EPOCHS), "--dataset", "fashion-mnist-subset", "--train-limit", "160",
            "--layers", "3", "--channels", "4", "--batch", "32", "--child-calibration-batches", "1", "--threads", "1", "--parallel", "2",
            "-o", sweep.toString()};
        Process first = Snas4jProcess.start(dir.resolve("first.log"), command);
        Process second = null;
        Optional<ProcessHandle> orphan = Optional.empty();
        int checkpointed;
        try {
            Path interrupted = sweep.resolve("001-seed-1");
            awaitCheckpoint(first, interrupted, dir.resolve("first.log"));
            SweepManifest manifest = new FileSweepFiles().readManifest(sweep).orElseThrow();

            first.destroyForcibly(); // SIGKILL: the sweep records nothing more
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            ProcessHandle interruptedChild = trialProcess(manifest.trial("001-seed-1"))
                    .orElseThrow(() -> new AssertionError("trial 001-seed-1 is not running"));
            interruptedChild.destroyForcibly();
            interruptedChild.onExit().get(30, TimeUnit.SECONDS);
            checkpointed = KillAndResumeTest.newestCheckpoint(interrupted);
            orphan = trialProcess(manifest.trial("002-seed-2"));

            second = Snas4jProcess.start(dir.resolve("second.log"), command);
            assertTrue(second.waitFor(RUN_MINUTES, TimeUnit.MINUTES), "the continued sweep finishes");
            assertEquals(0, second.exitValue(), Files.readString(dir.resolve("second.log")));
            assertTrue(orphan.isEmpty() || !orphan.get().isAlive(), "the orphan ended on its own");
        } finally {
            // Whatever failed, no process of this test outlives it.
            first.destroyForcibly();
            if (second != null) {
                second.destroyForcibly();
            }
            new FileSweepFiles().readManifest(sweep).ifPresent(m -> m.trials().stream().filter(t -> t.handle().isPresent())
                    .forEach(t -> trialProcess(t).ifPresent(ProcessHandle::destroyForcibly)));
        }

        SweepManifest finished = new FileSweepFiles().readManifest(sweep).orElseThrow();
        assertTrue(finished.trials().stream().allMatch(t -> t.state() == TrialState.SUCCEEDED), finished.toString());
        assertEquals(2, finished.trial("001-seed-1").launches(), "the interrupted trial was launched once more");
        assertTrue(checkpointed >= 1 && checkpointed < EPOCHS, "killed with " + checkpointed + " of " + EPOCHS + " epochs checkpointed");
        assertEquals(List.of(1, checkpointed + 1), startLines(sweep.resolve("logs/001-seed-1.log")),
                "started at epoch 1, resumed after its newest checkpoint");
        assertEquals(1, finished.trial("002-seed-2").launches(), "the trial still running was not launched again");
        assertEquals(List.of(1), startLines(sweep.resolve("logs/002-seed-2.log")));
        for (String trial : List.of("001-seed-1", "002-seed-2")) {
            List<String> metrics = Files.readAllLines(sweep.resolve(trial).resolve("metrics.jsonl"));
            assertEquals(EPOCHS, metrics.size(), trial + ": every epoch exactly once: " + metrics);
            for (int epoch = 0; epoch < EPOCHS; epoch++) {
                assertTrue(metrics.get(epoch).startsWith("{\"epoch\":" + epoch + ","), metrics.toString());
            }
        }
        for (String file : List.of("summary.md", "summary.csv", "front.png", "best-none-edge-all.pb", "best-none-top2.textproto")) {
            assertTrue(Files.size(sweep.resolve(file)) > 0, file);
        }
        CommandLineRunner summary = CommandLineRunner.run("sweep", "--summary", sweep.toString());
        assertEquals(ExitCodes.OK, summary.exitCode(), summary.err());
        assertTrue(summary.out().contains("| 001-seed-1 | succeeded |") && summary.out().contains("Pareto front"), summary.out());
    }

    private static List<Integer> startLines(Path log) throws IOException {
        List<Integer> epochs = new ArrayList<>();
        Matcher m = START_LINE.matcher(Files.readString(log));
        while (m.find()) {
            epochs.add(Integer.parseInt(m.group(1)));
        }
        return epochs;
    }

    /** The trial's process while it runs: the PID its handle records, started when it records (so never a recycled PID). */
    private static Optional<ProcessHandle> trialProcess(TrialRecord trial) {
        Matcher m = Pattern.compile("pid (\\d+) started (\\S+)").matcher(trial.handle().map(TrialHandle::id).orElseThrow());
        assertTrue(m.matches(), trial.toString());
        Instant started = Instant.parse(m.group(2));
        return ProcessHandle.of(Long.parseLong(m.group(1))).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(s -> Duration.between(s, started).abs().getSeconds() < 1).orElse(false));
    }

    /** Waits until the trial's first epoch is checkpointed while the sweep runs. */
    private static void awaitCheckpoint(Process sweep, Path run, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(RUN_MINUTES);
        while (!Files.isDirectory(run.resolve("checkpoints/epoch-0001"))) {
            assertTrue(sweep.isAlive(), "the sweep ended before its first checkpoint: " + (Files.exists(log) ? Files.readString(log) : ""));
            assertTrue(System.nanoTime() < deadline, "no checkpoint after " + RUN_MINUTES + " minutes");
            Thread.sleep(20);
        }
    }
}
