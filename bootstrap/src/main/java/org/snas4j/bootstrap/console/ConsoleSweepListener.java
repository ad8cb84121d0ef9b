package org.snas4j.bootstrap.console;

import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snas4j.application.port.out.trial.SweepListener;
import org.snas4j.application.port.out.trial.TrialRecord;

/** One log line per change of a sweep's trial: the trials' own progress goes to their logs or pods. */
public final class ConsoleSweepListener implements SweepListener {

    private static final Logger LOG = LoggerFactory.getLogger("snas4j.sweep");

    @Override
    public void sweepStarted(Path sweepDirectory, String sweepId, int trials, String executor) {
        LOG.info(String.format(Locale.ROOT, "sweep %s in %s: %d trials, %s; a killed sweep continues with the same command, "
                + "'sweep --summary %s' shows it at any time", sweepId, sweepDirectory, trials, executor, sweepDirectory));
    }

    @Override
    public void trialChanged(TrialRecord trial, int epochs, String what) {
        LOG.info(String.format(Locale.ROOT, "trial %s [%s, %d/%d epochs]: %s", trial.name(), trial.state().name().toLowerCase(Locale.ROOT),
                trial.completedEpochs(), epochs, what));
    }
}
