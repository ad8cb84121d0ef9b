package org.snas4j.application.port.in.retrain;

import static org.snas4j.application.FlagChecks.positive;
import static org.snas4j.application.FlagChecks.zeroOrPositive;

import org.snas4j.application.InvalidInputException;

/** Refuses retraining settings no run can use, naming the command-line flag at fault. */
public final class RetrainConfigurationValidator {

    private RetrainConfigurationValidator() {
    }

    public static void validate(RetrainConfiguration c) {
        positive("--layers", c.layers());
        positive("--channels", c.channels());
        positive("--batch", c.batchSize());
        positive("--epochs", c.epochs());
        if (c.channels() % 2 != 0) {
            throw new InvalidInputException("--channels", "must be even (FactorizedReduce halves it), got " + c.channels());
        }
        if (!(c.dropPath() >= 0 && c.dropPath() < 1)) {
            throw new InvalidInputException("--drop-path", "must be in [0, 1), got " + c.dropPath());
        }
        zeroOrPositive("--cutout", "off", c.cutout());
        if (!(c.auxiliaryWeight() >= 0) || !Double.isFinite(c.auxiliaryWeight())) {
            throw new InvalidInputException("--auxiliary-weight", "must be zero or positive, got " + c.auxiliaryWeight());
        }
        if (!(c.learningRate() > 0) || !(c.learningRateMin() >= 0) || c.learningRateMin() > c.learningRate()
                || !Double.isFinite(c.learningRate())) {
            throw new InvalidInputException("--learning-rate", "needs 0 <= minimum <= initial and initial > 0, got "
                    + c.learningRate() + " -> " + c.learningRateMin());
        }
        if (!(c.validationFraction() >= 0 && c.validationFraction() < 1)) {
            throw new InvalidInputException("--validation-fraction", "must be in [0, 1), got " + c.validationFraction());
        }
        zeroOrPositive("--threads", "all cores", c.threads());
        zeroOrPositive("--train-limit", "all", c.trainLimit());
    }
}
