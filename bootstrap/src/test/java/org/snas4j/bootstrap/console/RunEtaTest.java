package org.snas4j.bootstrap.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunEtaTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theWholeRunsTimeLeftCountsStepsAndEvaluationsLeft() {
        AtomicLong now = new AtomicLong();
        RunEta eta = new RunEta(now::get);
        eta.started(3, 10);
        assertEquals("", eta.describe(0, 1), "nothing timed yet");

        for (int step = 1; step <= 10; step++) {
            eta.stepDone(0);
            now.addAndGet(2 * SECOND);
        }
        // 9 timed steps of 2 s; no evaluation timed yet: a lower bound over the 20 steps left.
        assertEquals("run >= 40s left", eta.describe(0, 10));
        now.addAndGet(28 * SECOND);
        eta.epochDone();
        // The evaluation took 30 s (2 s after the last step, then 28 s).
        eta.stepDone(1);
        now.addAndGet(2 * SECOND);
        eta.stepDone(1);

        assertEquals(18 * 2 + 2 * 30, eta.remainingSeconds(1, 2).orElseThrow(), 1e-9);
        assertEquals("run ~1m36s left", eta.describe(1, 2));
        assertTrue(eta.describe(2, 10).startsWith("run ~30s"), "the last epoch's evaluation is left");
    }

    @Test
    void longRunsAreShownInHoursAndMinutes() {
        assertEquals("2h05m", RunEta.duration(2 * 3600 + 5 * 60 + 20));
        assertEquals("45s", RunEta.duration(45));
    }
}
