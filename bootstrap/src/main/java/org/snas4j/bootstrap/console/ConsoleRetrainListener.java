package org.snas4j.bootstrap.console;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snas4j.application.port.in.retrain.RetrainEpochMetrics;
import org.snas4j.application.port.in.retrain.RetrainOutcome;
import org.snas4j.application.port.out.progress.RetrainListener;
import org.snas4j.application.port.out.progress.RetrainStart;

/**
 * Shows a retraining run on the console as {@link ConsoleSearchListener} shows a search: a progress
 * bar per epoch on a terminal, a few log lines per epoch otherwise, a summary line per epoch.
 */
public final class ConsoleRetrainListener implements RetrainListener {

    private static final Logger LOG = LoggerFactory.getLogger("snas4j.train");

    private final EpochProgress progress;
    private int epochs;

    public ConsoleRetrainListener(boolean interactive) {
        this.progress = new EpochProgress(LOG, interactive);
    }

    public static ConsoleRetrainListener forCurrentConsole() {
        return new ConsoleRetrainListener(EpochProgress.consoleIsInteractive());
    }

    @Override
    public void trainingStarted(RetrainStart start) {
        epochs = start.epochs();
        progress.started(start.epochs(), start.stepsPerEpoch());
        LOG.info(String.format(Locale.ROOT,
                "training %d cells, C=%d on %dx%dx%d input: %,d weights (%,d without the auxiliary head); %d training / %d %s images, "
                        + "%d steps per epoch; epochs %d..%d; run directory %s",
                start.shape().layers(), start.shape().initialChannels(), start.shape().inputSize(), start.shape().inputSize(),
                start.shape().inputChannels(), start.parameters(), start.parametersWithoutAuxiliary(), start.trainImages(),
                start.heldOutImages(), start.heldOut(), start.stepsPerEpoch(), start.firstEpoch() + 1, start.epochs(), start.runDirectory()));
    }

    @Override
    public void stepFinished(int epoch, int step, int stepsPerEpoch, double loss, double accuracy) {
        String message = String.format(Locale.ROOT, "loss %.3f acc %.1f%%", loss, 100 * accuracy);
        progress.step(epoch, step, message);
    }

    @Override
    public void evaluationStep(int epoch, String pass, int batch, int batches) {
        progress.evaluation(epoch, pass, batch, batches);
    }

    @Override
    public void epochFinished(RetrainEpochMetrics m) {
        progress.endEpoch();
        String top5 = Double.isNaN(m.heldOutTop5()) ? "" : String.format(Locale.ROOT, " (top-5 %.1f%%)", 100 * m.heldOutTop5());
        LOG.info(String.format(Locale.ROOT,
                "epoch %d/%d done in %.0f s: lr %.4f, drop-path %.3f | train loss %.3f acc %.1f%% | %s loss %.3f acc %.2f%%%s",
                m.epoch() + 1, epochs, m.seconds(), m.learningRate(), m.dropPathProbability(), m.trainLoss(), 100 * m.trainAccuracy(),
                m.heldOut(), m.heldOutLoss(), 100 * m.heldOutAccuracy(), top5));
    }

    @Override
    public void trainingFinished(RetrainOutcome outcome) {
        progress.end();
    }
}
