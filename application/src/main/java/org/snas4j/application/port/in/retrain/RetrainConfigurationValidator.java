package org.snas4j.application.port.in.retrain;

import static org.snas4j.application.SettingChecks.positive;
import static org.snas4j.application.SettingChecks.zeroOrPositive;

import org.snas4j.application.InvalidSettingException;

/** Refuses retraining settings no run can use, naming the setting at fault as {@link RetrainConfiguration} names it. */
public final class RetrainConfigurationValidator {

    private RetrainConfigurationValidator() {
    }

    /** @throws InvalidSettingException naming the first setting at fault */
    public static void validate(RetrainConfiguration c) {
        positive("layers", c.layers());
        positive("channels", c.channels());
        positive("batchSize", c.batchSize());
        positive("epochs", c.epochs());
        if (c.channels() % 2 != 0) {
            throw new InvalidSettingException("channels", "must be even (FactorizedReduce halves it), got " + c.channels());
        }
        if (!(c.dropPath() >= 0 && c.dropPath() < 1)) {
            throw new InvalidSettingException("dropPath", "must be in [0, 1), got " + c.dropPath());
        }
        zeroOrPositive("cutout", "off", c.cutout());
        if (!(c.auxiliaryWeight() >= 0) || !Double.isFinite(c.auxiliaryWeight())) {
            throw new InvalidSettingException("auxiliaryWeight", "must be zero or positive, got " + c.auxiliaryWeight());
        }
        if (!(c.learningRate() > 0) || !(c.learningRateMin() >= 0) || c.learningRateMin() > c.learningRate()
                || !Double.isFinite(c.learningRate())) {
            throw new InvalidSettingException("learningRate", "needs 0 <= minimum <= initial and initial > 0, got "
                    + c.learningRate() + " -> " + c.learningRateMin());
        }
        if (!(c.validationFraction() >= 0 && c.validationFraction() < 1)) {
            throw new InvalidSettingException("validationFraction", "must be in [0, 1), got " + c.validationFraction());
        }
        zeroOrPositive("threads", "all cores", c.threads());
        zeroOrPositive("trainLimit", "all", c.trainLimit());
        if (!(c.labelSmoothing() >= 0 && c.labelSmoothing() < 1)) {
            throw new InvalidSettingException("labelSmoothing", "must be in [0, 1), got " + c.labelSmoothing());
        }
        if (!(c.weightDecay() >= 0) || !Double.isFinite(c.weightDecay())) {
            throw new InvalidSettingException("weightDecay", "must be zero or positive, got " + c.weightDecay());
        }
    }
}
