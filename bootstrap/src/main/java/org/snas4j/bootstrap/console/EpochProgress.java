package org.snas4j.bootstrap.console;

import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;

/**
 * The progress of a training loop on the console: a progress bar per epoch (steps, speed, the
 * caller's figures and the whole run's time left) and one per evaluation pass on a terminal; a few
 * log lines per epoch and one per evaluation pass otherwise (CI logs, redirected output), so a log
 * never fills with bar redraws.
 */
final class EpochProgress {

    /** Without a terminal, log this many lines per epoch. */
    private static final int LOG_LINES_PER_EPOCH = 5;

    private final Logger log;
    private final boolean interactive;
    private final RunEta eta;
    private int epochs;
    private int stepsPerEpoch;
    private ProgressBar bar;
    private String barTask;

    EpochProgress(Logger log, boolean interactive) {
        this.log = log;
        this.interactive = interactive;
        this.eta = new RunEta(System::nanoTime);
    }

    /** Progress bars only when a terminal is attached and output is not redirected. */
    static boolean consoleIsInteractive() {
        return System.console() != null;
    }

    /** The run's shape, for the time left. */
    void started(int runEpochs, int runStepsPerEpoch) {
        this.epochs = runEpochs;
        this.stepsPerEpoch = runStepsPerEpoch;
        eta.started(runEpochs, runStepsPerEpoch);
    }

    /**
     * @param epoch   0-based epoch
     * @param step    1-based step within the epoch
     * @param message the step's figures, e.g. "loss 0.412 acc 87.5%"
     */
    void step(int epoch, int step, String message) {
        eta.stepDone(epoch);
        String left = eta.describe(epoch, step);
        String line = left.isEmpty() ? message : message + " | " + left;
        if (interactive) {
            bar(String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, epochs), stepsPerEpoch, step, line);
        } else if (step == stepsPerEpoch || step % Math.max(1, stepsPerEpoch / LOG_LINES_PER_EPOCH) == 0) {
            log.info(String.format(Locale.ROOT, "epoch %d/%d step %d/%d %s", epoch + 1, epochs, step, stepsPerEpoch, line));
        }
    }

    /** One batch of an evaluation pass: a bar per pass on a terminal, a line when a pass starts otherwise. */
    void evaluation(int epoch, String pass, int batch, int batches) {
        String task = String.format(Locale.ROOT, "epoch %d/%d %s", epoch + 1, epochs, pass);
        if (interactive) {
            bar(task, batches, batch, eta.describe(epoch, stepsPerEpoch));
        } else if (batch == 1) {
            log.info(String.format(Locale.ROOT, "%s: %d batches", task, batches));
        }
    }

    /** Ends the current bar and times the epoch's evaluation (before its summary line is logged). */
    void endEpoch() {
        eta.epochDone();
        closeBar();
    }

    /** Ends the current bar (the run's end). */
    void end() {
        closeBar();
    }

    private void bar(String task, int max, int current, String message) {
        if (bar == null || !task.equals(barTask)) {
            closeBar();
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(max)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(250)
                    .setMaxRenderedLength(140)
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .showSpeed()
                    .build();
            barTask = task;
        }
        bar.stepTo(current);
        bar.setExtraMessage(message);
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
            barTask = null;
        }
    }
}
