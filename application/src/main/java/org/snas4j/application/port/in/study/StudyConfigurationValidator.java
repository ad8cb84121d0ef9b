package org.snas4j.application.port.in.study;

import static org.snas4j.application.FlagChecks.positive;
import static org.snas4j.application.FlagChecks.zeroOrPositive;

import java.util.HashSet;
import java.util.Set;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.in.search.SearchConfigurationValidator;
import org.snas4j.domain.genotype.PublishedGenotypes;

/**
 * Refuses a study no run could complete, before anything is written: a bad setting found only when
 * the first retraining starts would come after an hour of searching.
 */
public final class StudyConfigurationValidator {

    private StudyConfigurationValidator() {
    }

    public static void validate(StudyConfiguration c) {
        zeroOrPositive("--searches", "none", c.searches());
        zeroOrPositive("--random-cells", "none", c.randomCells());
        Set<String> seen = new HashSet<>();
        for (String name : c.published()) {
            if (!PublishedGenotypes.names().contains(name)) {
                throw new InvalidInputException("--published", "unknown published genotype '" + name + "' (expected "
                        + PublishedGenotypes.names() + " or none)");
            }
            if (!seen.add(name)) {
                throw new InvalidInputException("--published", "names " + name + " twice");
            }
        }
        if (c.searches() + c.randomCells() + c.published().size() == 0) {
            throw new InvalidInputException("--searches", "the study has no cell to retrain (no searches, random or published cells)");
        }
        SearchConfigurationValidator.validate(c.searchTemplate());
        RetrainConfiguration retrain = c.retrainTemplate();
        positive("--train-layers", retrain.layers());
        positive("--train-channels", retrain.channels());
        if (retrain.channels() % 2 != 0) {
            throw new InvalidInputException("--train-channels", "must be even (FactorizedReduce halves it), got " + retrain.channels());
        }
        positive("--train-batch", retrain.batchSize());
        positive("--train-epochs", retrain.epochs());
        zeroOrPositive("--train-limit", "all", retrain.trainLimit());
    }
}
