package org.snas4j.application.port.in.search;

import static org.snas4j.application.SettingChecks.positive;
import static org.snas4j.application.SettingChecks.zeroOrPositive;

import org.snas4j.application.InvalidSettingException;

/** Refuses settings no search can run with, naming the setting at fault as {@link SearchConfiguration} names it. */
public final class SearchConfigurationValidator {

    private SearchConfigurationValidator() {
    }

    /** @throws InvalidSettingException naming the first setting at fault */
    public static void validate(SearchConfiguration c) {
        positive("layers", c.layers());
        positive("channels", c.channels());
        positive("batchSize", c.batchSize());
        positive("epochs", c.epochs());
        if (c.temperatureStart() <= 0 || !Double.isFinite(c.temperatureStart())) {
            throw new InvalidSettingException("temperatureStart", "must be a positive number, got " + c.temperatureStart());
        }
        if (c.temperatureFloor() <= 0 || c.temperatureFloor() > c.temperatureStart()) {
            throw new InvalidSettingException("temperatureFloor", "must be positive and at most the start temperature ("
                    + c.temperatureStart() + "), got " + c.temperatureFloor());
        }
        if (c.lambda() < 0 || !Double.isFinite(c.lambda())) {
            throw new InvalidSettingException("lambda", "must be zero or positive, got " + c.lambda());
        }
        if (!(c.validationFraction() > 0 && c.validationFraction() < 1)) {
            throw new InvalidSettingException("validationFraction", "must be strictly between 0 and 1, got " + c.validationFraction());
        }
        if (!(c.learningRate() > 0) || !(c.learningRateMin() >= 0) || c.learningRateMin() > c.learningRate()) {
            throw new InvalidSettingException("learningRate", "needs 0 <= minimum <= initial and initial > 0, got "
                    + c.learningRate() + " -> " + c.learningRateMin());
        }
        if (!(c.architectureLearningRate() > 0) || !Double.isFinite(c.architectureLearningRate())) {
            throw new InvalidSettingException("architectureLearningRate", "must be positive, got " + c.architectureLearningRate());
        }
        zeroOrPositive("warmupEpochs", "none", c.warmupEpochs());
        if (c.warmupEpochs() >= c.epochs()) {
            throw new InvalidSettingException("warmupEpochs", "must be below the epochs (" + c.epochs()
                    + ") so alpha gets epochs to move, got " + c.warmupEpochs());
        }
        if (!(c.dropPath() >= 0 && c.dropPath() < 1)) {
            throw new InvalidSettingException("dropPath", "must be in [0, 1), got " + c.dropPath());
        }
        zeroOrPositive("childCalibrationBatches", "use the supernet's batch-norm statistics", c.childCalibrationBatches());
        zeroOrPositive("threads", "all cores", c.threads());
        zeroOrPositive("trainLimit", "all", c.trainLimit());
    }
}
