package org.snas4j.application.port.out.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.port.out.Device;

/**
 * What every {@link TrialExecutor} must do, whatever runs its trials: report a launch as running until
 * it ends and then how it ended, let a new sweep find a launch that is still running (so that nothing
 * runs twice), and preview without launching.
 */
public abstract class TrialExecutorContract {

    private static final Duration ENDS_WITHIN = Duration.ofMinutes(1);

    @TempDir
    protected Path sweepDirectory;

    /** A new executor, as a new sweep process would make it. */
    protected abstract TrialExecutor executor();

    /** Makes the launch end, successfully or not, the way the executor's world ends it (a process exits, a Job completes). */
    protected abstract void end(TrialLaunch launch, TrialHandle handle, boolean success) throws Exception;

    protected TrialLaunch launch(String trialName, int index) {
        return new TrialLaunch("scontract", index, trialName, List.of("--seed", Integer.toString(index), "--epochs", "1"), false, 1,
                sweepDirectory.resolve(trialName), sweepDirectory.resolve("logs").resolve(trialName + ".log"), Device.CPU, 1);
    }

    @Test
    void aLaunchRunsUntilItEndsThenSaysItSucceeded() throws Exception {
        try (TrialExecutor executor = executor()) {
            TrialLaunch launch = launch("001-seed-1", 1);
            TrialHandle handle = executor.start(launch);
            assertEquals(TrialStatus.Phase.RUNNING, executor.poll(handle).phase());

            end(launch, handle, true);

            assertEquals(TrialStatus.Phase.SUCCEEDED, awaitEnd(executor, handle).phase());
        }
    }

    @Test
    void aLaunchThatFailsSaysWhy() throws Exception {
        try (TrialExecutor executor = executor()) {
            TrialLaunch launch = launch("002-seed-2", 2);
            TrialHandle handle = executor.start(launch);

            end(launch, handle, false);

            TrialStatus status = awaitEnd(executor, handle);
            assertEquals(TrialStatus.Phase.FAILED, status.phase());
            assertFalse(status.message().isBlank(), "a failure says why");
        }
    }

    @Test
    void aNewSweepFindsALaunchStillRunningAndFollowsItToItsEnd() throws Exception {
        TrialLaunch launch = launch("003-seed-3", 3);
        TrialHandle handle;
        try (TrialExecutor killedSweep = executor()) {
            handle = killedSweep.start(launch);
        }
        try (TrialExecutor next = executor()) {
            Optional<TrialHandle> found = next.reattach(launch, Optional.of(handle));

            assertEquals(Optional.of(handle), found);
            assertEquals(TrialStatus.Phase.RUNNING, next.poll(handle).phase());
            end(launch, handle, true);
            assertTrue(Set.of(TrialStatus.Phase.SUCCEEDED, TrialStatus.Phase.ENDED).contains(awaitEnd(next, handle).phase()),
                    "a followed launch ends as it ended, or as 'ended' when the executor cannot know how");
        }
    }

    @Test
    void aTrialNeverLaunchedIsNotFound() {
        try (TrialExecutor executor = executor()) {
            assertEquals(Optional.empty(), executor.reattach(launch("004-seed-4", 4), Optional.empty()));
        }
    }

    @Test
    void aPreviewShowsTheSearchAndLaunchesNothing() {
        try (TrialExecutor executor = executor()) {
            TrialLaunch launch = launch("005-seed-5", 5);

            String preview = executor.preview(launch);

            assertTrue(preview.contains("search") && preview.contains("--seed") && preview.contains("005-seed-5"), preview);
            assertEquals(Optional.empty(), executor.reattach(launch, Optional.empty()), "nothing was launched");
        }
    }

    private static TrialStatus awaitEnd(TrialExecutor executor, TrialHandle handle) throws InterruptedException {
        long deadline = System.nanoTime() + ENDS_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            TrialStatus status = executor.poll(handle);
            if (status.ended()) {
                return status;
            }
            Thread.sleep(20);
        }
        return fail("the launch " + handle + " did not end within " + ENDS_WITHIN);
    }
}
