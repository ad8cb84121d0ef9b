package org.snas4j.application.port.out.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.domain.genotype.Genotype;

/**
 * A search run: its settings, every recorded epoch, and the genotypes of its newest epoch (the final
 * ones when it finished).
 */
public record ReportedSearch(Path directory, SearchConfiguration configuration, Provenance provenance, List<EpochMetrics> epochs,
                             Genotype edgeAll, Genotype top2, List<StepFigures> steps) implements ReportedRun {

    public ReportedSearch {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(provenance, "provenance");
        epochs = List.copyOf(epochs);
        Objects.requireNonNull(edgeAll, "edgeAll");
        Objects.requireNonNull(top2, "top2");
        steps = List.copyOf(steps);
    }

    @Override
    public int epochsDone() {
        return epochs.size();
    }

    @Override
    public int epochsPlanned() {
        return configuration.epochs();
    }

    public EpochMetrics last() {
        return epochs.get(epochs.size() - 1);
    }
}
