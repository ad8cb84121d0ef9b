package org.snas4j.application.port.in.search;

import java.nio.file.Path;
import java.util.List;
import org.snas4j.domain.genotype.Genotype;

/**
 * The result of a finished search.
 *
 * @param runDirectory where everything was written
 * @param edgeAll      final genotype in the SNAS edge-all form (the child evaluated without retraining)
 * @param top2         final genotype in the DARTS form
 * @param metrics      every epoch's metrics, in order
 */
public record SearchOutcome(Path runDirectory, Genotype edgeAll, Genotype top2, List<EpochMetrics> metrics) {

    public EpochMetrics last() {
        return metrics.get(metrics.size() - 1);
    }
}
