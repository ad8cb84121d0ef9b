package org.snas4j.application.child;

import org.snas4j.application.InvalidInputException;

/** Refuses retraining settings no run can use, naming the command-line flag at fault. */
final class RetrainConfigurationValidator {

    private RetrainConfigurationValidator() {
    }

    static void validate(RetrainConfiguration c) {
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
        if (c.cutout() < 0) {
            throw new InvalidInputException("--cutout", "must be zero (off) or positive, got " + c.cutout());
        }
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
        if (c.threads() < 0) {
            throw new InvalidInputException("--threads", "must be zero (all cores) or positive, got " + c.threads());
        }
        if (c.trainLimit() < 0) {
            throw new InvalidInputException("--train-limit", "must be zero (all) or positive, got " + c.trainLimit());
        }
    }

    private static void positive(String flag, int value) {
        if (value <= 0) {
            throw new InvalidInputException(flag, "must be positive, got " + value);
        }
    }
}
