package org.snas4j.adapter.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.trial.TrialExecutor;
import org.snas4j.application.port.out.trial.TrialExecutorContract;
import org.snas4j.application.port.out.trial.TrialHandle;
import org.snas4j.application.port.out.trial.TrialLaunch;
import org.snas4j.application.port.out.trial.TrialStatus;

/** The local executor against the contract, its trials real child processes of a stand-in program. */
class LocalTrialExecutorContractTest extends TrialExecutorContract {

    private final List<Path> launched = new ArrayList<>();

    @Override
    protected TrialExecutor executor() {
        return new LocalTrialExecutor(LocalTrialExecutor.sameProgram(FakeTrialMain.class.getName()), 2, Duration.ofMillis(20));
    }

    @Override
    protected void end(TrialLaunch launch, TrialHandle handle, boolean success) throws Exception {
        launched.add(launch.runDirectory());
        Files.writeString(Path.of(launch.runDirectory() + ".end"), success ? "0" : "2");
    }

    @AfterEach
    void endEveryChild() throws Exception {
        // A child the test did not end would run on for two minutes.
        for (String trial : List.of("001-seed-1", "002-seed-2", "003-seed-3", "004-seed-4", "005-seed-5")) {
            Path end = sweepDirectory.resolve(trial + ".end");
            if (!Files.exists(end)) {
                Files.writeString(end, "0");
            }
        }
    }

    @Test
    void aFailedChildsMessageQuotesTheLastLineOfItsLog() throws Exception {
        try (TrialExecutor executor = executor()) {
            TrialLaunch launch = launch("001-seed-1", 1);
            TrialHandle handle = executor.start(launch);
            end(launch, handle, false);
            TrialStatus status;
            do {
                Thread.sleep(20);
                status = executor.poll(handle);
            } while (!status.ended());
            String message = status.message();
            assertTrue(message.contains("exit code 2") && message.contains("the fake trial failed") && message.contains(".log"), message);
            assertTrue(executor.preview(launch).contains(FakeTrialMain.class.getName()), "the same program with the trial's arguments");
        }
    }

    @Test
    void aRecordedPidThatNowNamesAnotherProcessIsNotFollowed() {
        try (TrialExecutor executor = executor()) {
            // This JVM is alive, but it did not start at that time: a recycled PID, not the trial.
            TrialHandle recycled = new TrialHandle("pid " + ProcessHandle.current().pid() + " started 2001-01-01T00:00:00Z");
            assertEquals(Optional.empty(), executor.reattach(launch("001-seed-1", 1), Optional.of(recycled)));
            assertEquals(Optional.empty(), executor.reattach(launch("001-seed-1", 1), Optional.of(new TrialHandle("job-1"))));
        }
    }
}
