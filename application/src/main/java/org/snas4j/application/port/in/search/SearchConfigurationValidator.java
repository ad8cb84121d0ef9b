package org.snas4j.application.port.in.search;

import static org.snas4j.application.FlagChecks.positive;
import static org.snas4j.application.FlagChecks.zeroOrPositive;

import org.snas4j.application.InvalidInputException;

/** Refuses settings no search can run with, naming the command-line flag at fault. */
public final class SearchConfigurationValidator {

    private SearchConfigurationValidator() {
    }

    /** @throws org.snas4j.application.InvalidInputException naming the flag of the first setting at fault */
    public static void validate(SearchConfiguration c) {
        positive("--layers", c.layers());
        positive("--channels", c.channels());
        positive("--batch", c.batchSize());
        positive("--epochs", c.epochs());
        if (c.temperatureStart() <= 0 || !Double.isFinite(c.temperatureStart())) {
            throw new InvalidInputException("--tau", "must be a positive number, got " + c.temperatureStart());
        }
        if (c.temperatureFloor() <= 0 || c.temperatureFloor() > c.temperatureStart()) {
            throw new InvalidInputException("--tau-floor", "must be positive and at most --tau (" + c.temperatureStart() + "), got "
                    + c.temperatureFloor());
        }
        if (c.lambda() < 0 || !Double.isFinite(c.lambda())) {
            throw new InvalidInputException("--lambda", "must be zero or positive, got " + c.lambda());
        }
        if (!(c.validationFraction() > 0 && c.validationFraction() < 1)) {
            throw new InvalidInputException("--validation-fraction", "must be strictly between 0 and 1, got " + c.validationFraction());
        }
        if (!(c.learningRate() > 0) || !(c.learningRateMin() >= 0) || c.learningRateMin() > c.learningRate()) {
            throw new InvalidInputException("--learning-rate", "needs 0 <= minimum <= initial and initial > 0, got "
                    + c.learningRate() + " -> " + c.learningRateMin());
        }
        if (!(c.architectureLearningRate() > 0) || !Double.isFinite(c.architectureLearningRate())) {
            throw new InvalidInputException("--arch-learning-rate", "must be positive, got " + c.architectureLearningRate());
        }
        zeroOrPositive("--warmup-epochs", "none", c.warmupEpochs());
        if (c.warmupEpochs() >= c.epochs()) {
            throw new InvalidInputException("--warmup-epochs", "must be below --epochs (" + c.epochs() + ") so alpha gets epochs to move, got "
                    + c.warmupEpochs());
        }
        if (!(c.dropPath() >= 0 && c.dropPath() < 1)) {
            throw new InvalidInputException("--drop-path", "must be in [0, 1), got " + c.dropPath());
        }
        zeroOrPositive("--child-calibration-batches", "use the supernet's batch-norm statistics", c.childCalibrationBatches());
        zeroOrPositive("--threads", "all cores", c.threads());
        zeroOrPositive("--train-limit", "all", c.trainLimit());
    }
}
