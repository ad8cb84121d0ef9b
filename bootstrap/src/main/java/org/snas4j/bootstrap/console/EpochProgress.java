package org.snas4j.bootstrap.console;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;

/**
 * The per-epoch step progress of a training loop on the console: a progress bar (steps, speed, ETA,
 * the caller's message) on a terminal; a few log lines per epoch otherwise (CI logs, redirected
 * output), so a log never fills with bar redraws.
 */
final class EpochProgress {

    /** Without a terminal, log this many lines per epoch. */
    private static final int LOG_LINES_PER_EPOCH = 5;

    private final Logger log;
    private final boolean interactive;
    private ProgressBar bar;

    EpochProgress(Logger log, boolean interactive) {
        this.log = log;
        this.interactive = interactive;
    }

    /** Progress bars only when a terminal is attached and output is not redirected. */
    static boolean consoleIsInteractive() {
        return System.console() != null;
    }

    /**
     * @param epoch   0-based epoch
     * @param epochs  epochs of the run
     * @param step    1-based step within the epoch
     * @param message the step's figures, e.g. "loss 0.412 acc 87.5%"
     */
    void step(int epoch, int epochs, int step, int stepsPerEpoch, String message) {
        if (interactive) {
            if (bar == null) {
                bar = new ProgressBarBuilder()
                        .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs))
                        .setInitialMax(stepsPerEpoch)
                        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                        .setUpdateIntervalMillis(250)
                        .setMaxRenderedLength(120)
                        .setSpeedUnit(ChronoUnit.SECONDS)
                        .showSpeed()
                        .build();
            }
            bar.stepTo(step);
            bar.setExtraMessage(message);
        } else if (step == stepsPerEpoch || step % Math.max(1, stepsPerEpoch / LOG_LINES_PER_EPOCH) == 0) {
            log.info(String.format(Locale.ROOT, "epoch %d/%d step %d/%d %s", epoch + 1, epochs, step, stepsPerEpoch, message));
        }
    }

    /** Ends the epoch's bar (before its summary line is logged). */
    void endEpoch() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
