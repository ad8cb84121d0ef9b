package org.snas4j.application.port.in.study;

import static org.snas4j.application.SettingChecks.zeroOrPositive;

import java.util.HashSet;
import java.util.Set;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.in.retrain.RetrainConfigurationValidator;
import org.snas4j.application.port.in.search.SearchConfigurationValidator;
import org.snas4j.domain.genotype.PublishedGenotypes;

/**
 * Refuses a study no run could complete, before anything is written: a bad setting found only when
 * the first retraining starts would come after an hour of searching. The templates' settings are
 * named {@code search.NAME} and {@code retrain.NAME}, as in the study's settings file.
 */
public final class StudyConfigurationValidator {

    /** Prefix of the search template's settings. */
    public static final String SEARCH = "search";
    /** Prefix of the retraining template's settings. */
    public static final String RETRAIN = "retrain";

    private StudyConfigurationValidator() {
    }

    /** @throws InvalidSettingException naming the first setting at fault */
    public static void validate(StudyConfiguration c) {
        zeroOrPositive("searches", "none", c.searches());
        zeroOrPositive("randomCells", "none", c.randomCells());
        if (c.trainSeeds() < 1) {
            throw new InvalidSettingException("trainSeeds", "must be at least 1 (every cell is retrained at least once), got " + c.trainSeeds());
        }
        Set<String> seen = new HashSet<>();
        for (String name : c.published()) {
            if (!PublishedGenotypes.names().contains(name)) {
                throw new InvalidSettingException("published", "unknown published genotype '" + name + "' (expected "
                        + PublishedGenotypes.names() + " or none)");
            }
            if (!seen.add(name)) {
                throw new InvalidSettingException("published", "names " + name + " twice");
            }
        }
        if (c.searches() + c.randomCells() + c.published().size() == 0) {
            throw new InvalidSettingException("searches", "the study has no cell to retrain (no searches, random or published cells)");
        }
        try {
            SearchConfigurationValidator.validate(c.searchTemplate());
        } catch (InvalidSettingException e) {
            throw e.within(SEARCH);
        }
        try {
            RetrainConfigurationValidator.validate(c.retrainTemplate());
        } catch (InvalidSettingException e) {
            throw e.within(RETRAIN);
        }
    }
}
