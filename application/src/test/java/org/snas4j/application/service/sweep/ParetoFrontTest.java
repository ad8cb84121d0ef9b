package org.snas4j.application.service.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.in.sweep.SweepSummary.TrialRow;
import org.snas4j.application.port.out.trial.TrialState;

class ParetoFrontTest {

    @Test
    void keepsTheTrialsNoOtherBeatsOnBothAccuracyAndParameters() {
        TrialRow small = row("001", 0.70, 10_000);
        TrialRow dominated = row("002", 0.65, 12_000);
        TrialRow large = row("003", 0.80, 30_000);
        TrialRow middle = row("004", 0.75, 20_000);
        TrialRow sameAccuracyMoreParameters = row("005", 0.80, 35_000);

        List<TrialRow> front = ParetoFront.of(List.of(dominated, large, small, sameAccuracyMoreParameters, middle));

        assertEquals(List.of("001", "004", "003"), front.stream().map(TrialRow::name).toList(), "fewest parameters first");
    }

    @Test
    void equalTrialsAreOnTheFrontTogetherAndUnfinishedOnesTakeNoPart() {
        TrialRow a = row("001", 0.70, 10_000);
        TrialRow twin = row("002", 0.70, 10_000);
        TrialRow running = new TrialRow("003", Map.of(), TrialState.RUNNING, 1, "", "mild", 1.5e-3, 1, 2, 0.99, 0.99, 1, 1, 1, 1);
        TrialRow noFigures = row("004", Double.NaN, 5_000);

        List<TrialRow> front = ParetoFront.of(List.of(a, twin, running, noFigures));

        assertEquals(List.of("001", "002"), front.stream().map(TrialRow::name).toList());
    }

    @Test
    void dominanceNeedsOneStrictImprovement() {
        assertTrue(ParetoFront.dominates(row("a", 0.8, 100), row("b", 0.7, 100)));
        assertTrue(ParetoFront.dominates(row("a", 0.8, 90), row("b", 0.8, 100)));
        assertFalse(ParetoFront.dominates(row("a", 0.8, 100), row("b", 0.8, 100)));
        assertFalse(ParetoFront.dominates(row("a", 0.9, 200), row("b", 0.8, 100)));
    }

    @Test
    void theBestIsTheMostAccurateThenTheSmallest() {
        List<TrialRow> trials = List.of(row("001", 0.7, 300), row("002", 0.8, 500), row("003", 0.8, 400));

        assertEquals("003", trials.stream().min(ParetoFront.bestFirst()).orElseThrow().name());
    }

    @Test
    void constraintLabelsNameTheLevelsAndOtherwiseTheWeight() {
        assertEquals("mild", ConstraintLabels.of(1.5e-3));
        assertEquals("none", ConstraintLabels.of(0));
        assertEquals("lambda=0.002", ConstraintLabels.of(0.002));
        assertEquals("lambda-0.002", ConstraintLabels.fileName("lambda=0.002"));
    }

    static TrialRow row(String name, double accuracy, double parameters) {
        return new TrialRow(name, Map.of(), TrialState.SUCCEEDED, 1, "", "mild", 1.5e-3, 2, 2, accuracy, accuracy, parameters * 2,
                parameters, 1e6, 1e6);
    }
}
