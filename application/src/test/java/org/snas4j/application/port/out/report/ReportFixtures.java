package org.snas4j.application.port.out.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.application.port.out.report.Report;
import org.snas4j.application.port.out.report.ReportedSearch;
import org.snas4j.application.port.out.report.ReportedTraining;
import org.snas4j.application.port.out.storage.ChildRunFixtures;
import org.snas4j.application.port.out.storage.PortFixtures;
import org.snas4j.domain.genotype.PublishedGenotypes;

/** Reports of fixture runs, for the report's ports and services. */
public final class ReportFixtures {

    private ReportFixtures() {
    }

    /** A search of {@code epochs} epochs (alpha recorded in each) with 10 steps per epoch. */
    public static ReportedSearch search(Path directory, int epochs) {
        return new ReportedSearch(directory, PortFixtures.configuration(), PortFixtures.provenance(),
                IntStream.range(0, epochs).mapToObj(PortFixtures::metrics).toList(), PortFixtures.edgeAllGenotype(3),
                PortFixtures.top2Genotype(3), steps(10L * epochs, 1.0));
    }

    /** A finished retraining of three epochs with 4 steps per epoch. */
    public static ReportedTraining training(Path directory) {
        return new ReportedTraining(directory, ChildRunFixtures.storedRun(PublishedGenotypes.byName("snas-mild")),
                IntStream.range(0, 3).mapToObj(ChildRunFixtures::metrics).toList(),
                Optional.of(ChildRunFixtures.result(OptionalDouble.of(0.99))), steps(12, Double.NaN));
    }

    public static Report of(String title, org.snas4j.application.port.out.report.ReportedRun... runs) {
        return new Report(title, List.of(runs));
    }

    private static List<StepFigures> steps(long count, double temperature) {
        return LongStream.rangeClosed(1, count).mapToObj(s -> new StepFigures(s, 2.3 / Math.sqrt(s), Math.min(0.95, 0.1 + 0.02 * s),
                0.025, temperature)).toList();
    }
}
