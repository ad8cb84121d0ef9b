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
 */
public record StudyConfiguration(SearchConfiguration searchTemplate, RetrainConfiguration retrainTemplate, int searches,
                                 int randomCells, List<String> published, long baseSeed) {

    public StudyConfiguration {
        Objects.requireNonNull(searchTemplate, "searchTemplate");
        Objects.requireNonNull(retrainTemplate, "retrainTemplate");
        published = List.copyOf(Objects.requireNonNull(published, "published"));
    }

    /** The seed of search {@code index} (0-based). */
    public long searchSeed(int index) {
        return baseSeed + index;
    }

    /** Runs the study consists of: each search, then one retraining per cell. */
    public int items() {
        return 2 * searches + randomCells + published.size();
    }
}
