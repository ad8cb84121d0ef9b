package org.snas4j.application.port.in.study;

import java.util.List;
import java.util.Objects;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.in.search.SearchConfiguration;

/**
 * Everything that determines a study.
 *
 * @param searchTemplate  every search runs with these settings, its seed replaced by {@link #searchSeed(int)}
 * @param retrainTemplate every cell is retrained with these settings (the same seed for all, so only
 *                        the genotype differs); its genotype and genotype source are replaced per cell
 * @param searches        searches, hence searched cells (seeds baseSeed, baseSeed + 1, ...)
 * @param randomCells     random cells, drawn from seeds derived from baseSeed
 * @param published       names of published cells to retrain too (see {@code PublishedGenotypes})
 * @param baseSeed        seed of the first search and of the random cells
 * @param trainSeeds      retrainings of every cell, with the template's seed, seed + 1, ...: a cell's
 *                        accuracy is their mean, so the retraining's own noise (about 0.4 points at
 *                        the default budget) shrinks by the square root of this number
 */
public record StudyConfiguration(SearchConfiguration searchTemplate, RetrainConfiguration retrainTemplate, int searches,
                                 int randomCells, List<String> published, long baseSeed, int trainSeeds) {

    public StudyConfiguration {
        Objects.requireNonNull(searchTemplate, "searchTemplate");
        Objects.requireNonNull(retrainTemplate, "retrainTemplate");
        published = List.copyOf(Objects.requireNonNull(published, "published"));
    }

    /** A study retraining every cell once. */
    public StudyConfiguration(SearchConfiguration searchTemplate, RetrainConfiguration retrainTemplate, int searches, int randomCells,
                              List<String> published, long baseSeed) {
        this(searchTemplate, retrainTemplate, searches, randomCells, published, baseSeed, 1);
    }

    /** The seed of a cell's retraining {@code repetition} (0-based). */
    public long retrainSeed(int repetition) {
        return retrainTemplate.seed() + repetition;
    }

    /** The seed of search {@code index} (0-based). */
    public long searchSeed(int index) {
        return baseSeed + index;
    }

    /** Runs the study consists of: each search, then one retraining per cell and retraining seed. */
    public int items() {
        return searches + (searches + randomCells + published.size()) * trainSeeds;
    }
}
