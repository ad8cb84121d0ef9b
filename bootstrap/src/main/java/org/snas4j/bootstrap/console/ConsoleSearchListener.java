package org.snas4j.bootstrap.console;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchOutcome;
import org.snas4j.application.port.out.progress.SearchListener;
import org.snas4j.application.port.out.progress.SearchStart;
import org.snas4j.domain.genotype.Genotype;

/**
 * Shows a search on the console: a progress bar per epoch (step, loss, accuracy, tau, the run's time
 * left) and per evaluation pass on a terminal, plain log lines every few steps and per pass otherwise
 * (CI logs, redirected output); a summary line per epoch either way.
 */
public final class ConsoleSearchListener implements SearchListener {

    private static final Logger LOG = LoggerFactory.getLogger("snas4j.search");
    private final EpochProgress progress;
    private int epochs;

    public ConsoleSearchListener(boolean interactive) {
        this.progress = new EpochProgress(LOG, interactive);
    }

    /** Progress bars only when both a terminal is attached and output is not redirected. */
    public static ConsoleSearchListener forCurrentConsole() {
        return new ConsoleSearchListener(EpochProgress.consoleIsInteractive());
    }

    @Override
    public void searchStarted(SearchStart start) {
        epochs = start.epochs();
        progress.started(start.epochs(), start.stepsPerEpoch());
        LOG.info(String.format(Locale.ROOT,
                "searching %d cells, C=%d on %dx%dx%d input: %,d supernet weights; %d training / %d held-out images, %d steps per epoch; epochs %d..%d; run directory %s",
                start.shape().layers(), start.shape().initialChannels(), start.shape().inputSize(), start.shape().inputSize(),
                start.shape().inputChannels(), start.supernetParameters(), start.trainImages(), start.validationImages(),
                start.stepsPerEpoch(), start.firstEpoch() + 1, start.epochs(), start.runDirectory()));
    }

    @Override
    public void stepFinished(int epoch, int step, int stepsPerEpoch, double loss, double accuracy, double temperature) {
        String message = String.format(Locale.ROOT, "loss %.3f acc %.1f%% tau %.3f", loss, 100 * accuracy, temperature);
        progress.step(epoch, step, message);
    }

    @Override
    public void evaluationStep(int epoch, String pass, int batch, int batches) {
        progress.evaluation(epoch, pass, batch, batches);
    }

    @Override
    public void epochFinished(EpochMetrics m, Genotype edgeAll, Genotype top2) {
        progress.endEpoch();
        LOG.info(String.format(Locale.ROOT,
                "epoch %d/%d done in %.0f s: train loss %.3f acc %.1f%% | held-out: supernet %.1f%%, children without retraining: "
                        + "edge-all %.1f%%, top-2 %.1f%% | expected params %,.0f, entropy %.3f, parameter-free edges %d/28",
                m.epoch() + 1, epochs, m.seconds(), m.trainLoss(), 100 * m.trainAccuracy(), 100 * m.supernetAccuracy(),
                100 * m.childAccuracy(), 100 * m.top2ChildAccuracy(), m.expectedParameters(), m.entropy(), m.parameterFreeEdges()));
    }

    @Override
    public void searchFinished(SearchOutcome outcome) {
        progress.end();
    }
}
