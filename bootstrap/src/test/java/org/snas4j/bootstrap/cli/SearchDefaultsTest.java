package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snas4j.application.port.in.search.SearchConfiguration;

/** The search a user gets without flags, and how the default warm-up follows --epochs. */
class SearchDefaultsTest {

    @Test
    void theDefaultSearchIsSevenEpochsTwoOfThemWarmUpWithTheAuthorsDropPathAndNoResourceConstraint() {
        SearchConfiguration configuration = configurationOf();

        assertEquals(SearchConfiguration.DEFAULTS, configuration);
        assertEquals(7, configuration.epochs());
        assertEquals(2, configuration.warmupEpochs());
        assertEquals(0, configuration.lambda());
        assertEquals(0.3, configuration.dropPath());
        assertEquals(0.0, configurationOf("--drop-path", "0").dropPath(), "drop-path can be switched off");
    }

    @Test
    void theDefaultWarmUpKeepsItsShareOfOtherEpochCountsAndLeavesAlphaAnEpoch() {
        for (int epochs = 1; epochs <= 30; epochs++) {
            int warmup = configurationOf("--epochs", Integer.toString(epochs)).warmupEpochs();
            assertEquals(Math.round(epochs * 2 / 7.0), warmup, "warm-up of " + epochs + " epochs");
            assertEquals(true, warmup < epochs, "alpha moves in at least one of " + epochs + " epochs");
        }
        assertEquals(0, configurationOf("--epochs", "7", "--warmup-epochs", "0").warmupEpochs(), "a given warm-up is kept");
    }

    private static SearchConfiguration configurationOf(String... flags) {
        return ((SearchCommand) CommandLineRunner.parsed("search", flags)).options.configuration();
    }
}
