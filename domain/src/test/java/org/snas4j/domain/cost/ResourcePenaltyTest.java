package org.snas4j.domain.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeDerivation;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;
import org.snas4j.domain.testing.Matrices;

class ResourcePenaltyTest {

    private static final NetworkCost TINY = NetworkCost.of(NetworkCostTest.ONE_REDUCTION_CELL, new SnasCostModel());
    private static final NetworkCost SEARCH = NetworkCost.of(NetworkShape.paperSearch(), new SnasCostModel());

    @Test
    void linearPenaltyOfTheTinyNetworkByHand() {
        // One reduction cell, no normal cell: lambda * ratio * (expected parameters 898) / 1.
        ResourcePenalty penalty = new ResourcePenalty(TINY, CostMetric.PARAMETERS, CostForm.LINEAR, 0.5, 2.0);
        CellPair<EdgeOpMatrix> uniform = CellPair.of(k -> EdgeOpMatrix.filled(1.0 / 8));
        assertEquals(898, penalty.value(uniform), 1e-9);
    }

    @Test
    void logPenaltyOfTheTinyNetworkByHand() {
        ResourcePenalty penalty = new ResourcePenalty(TINY, CostMetric.COMBINED, CostForm.LOG, 0.1, 3.0);
        CellPair<EdgeOpMatrix> sep = CellPair.of(k -> allOn(Operation.SEP_CONV_3X3));
        // Per edge (log size + log flops + log mac) / 3 with sep_conv_3 at C = 4, h = 2 (see NetworkCostTest).
        double reducing = (Math.log(104) + Math.log(416) + Math.log(280)) / 3;
        double plain = (Math.log(104) + Math.log(416) + Math.log(232)) / 3;
        assertEquals(0.1 * 3.0 * (8 * reducing + 6 * plain), penalty.value(sep), 1e-12);
        // All none: every clamped log is 0.
        assertEquals(0.0, penalty.value(CellPair.of(k -> allOn(Operation.NONE))));
    }

    @Test
    void cellsAreAveragedPerKindAndReductionCellsWeightedByTheRatio() {
        // Search net: 6 normal and 2 reduction cells -> the authors' "/ 6" and "/ 2".
        Genotype g = PublishedGenotypes.byName("snas-moderate");
        double normal = 0;
        double reduction = 0;
        for (int cell = 0; cell < SEARCH.cells(); cell++) {
            CellKind kind = SEARCH.layout().cell(cell).kind();
            double mac = SEARCH.ofCell(cell, g.cell(kind)).mac();
            if (kind == CellKind.NORMAL) {
                normal += mac;
            } else {
                reduction += mac;
            }
        }
        ResourcePenalty penalty = new ResourcePenalty(SEARCH, CostMetric.MAC, CostForm.LINEAR, 1e-3, 0.5);
        assertEquals(1e-3 * (normal / 6 + 0.5 * reduction / 2), penalty.value(GenotypeDerivation.oneHot(g)), 1e-9);
    }

    @ParameterizedTest
    @EnumSource(CostMetric.class)
    void linearGradientMatchesFiniteDifferences(CostMetric metric) {
        assertGradientMatchesFiniteDifferences(new ResourcePenalty(SEARCH, metric, CostForm.LINEAR, 1e-3, 1.7));
    }

    @ParameterizedTest
    @EnumSource(CostMetric.class)
    void logGradientMatchesFiniteDifferences(CostMetric metric) {
        assertGradientMatchesFiniteDifferences(new ResourcePenalty(SEARCH, metric, CostForm.LOG, 1e-2, 0.6));
    }

    @Test
    void logGradientIsZeroWhereTheClampIsActive() {
        ResourcePenalty penalty = new ResourcePenalty(TINY, CostMetric.PARAMETERS, CostForm.LOG, 1.0, 1.0);
        // Parameters of every edge far below 1: log(max(x, 1)) is flat.
        CellPair<EdgeOpMatrix> tiny = CellPair.of(k -> EdgeOpMatrix.filled(1e-6));
        assertEquals(0.0, Matrices.maxAbs(penalty.gradient(tiny)));
    }

    @Test
    void lambdaScalesValueAndGradient() {
        ResourcePenalty a = new ResourcePenalty(SEARCH, CostMetric.COMBINED, CostForm.LOG, 1e-3, 1.0);
        ResourcePenalty b = a.withLambda(4e-3);
        CellPair<EdgeOpMatrix> w = ArchitectureDistribution.initial(5).probabilities();
        assertEquals(4 * a.value(w), b.value(w), 1e-12);
        Matrices.assertClose(a.gradient(w).map(m -> m.scale(4)), b.gradient(w), 1e-12, 0);
        assertEquals(0.0, a.withLambda(0).value(w));
        assertThrows(IllegalArgumentException.class, () -> a.withLambda(-1));
    }

    private static void assertGradientMatchesFiniteDifferences(ResourcePenalty penalty) {
        // A soft sample: every weight positive, every edge's costs well above the log clamp.
        CellPair<EdgeOpMatrix> w = ArchitectureDistribution.of(Matrices.uniform(11, -1, 1)).sample(1.0, new SplittableRandom(12)).soft();
        CellPair<EdgeOpMatrix> numeric = Matrices.numericGradient(penalty::value, w, 1e-5);
        Matrices.assertClose(numeric, penalty.gradient(w), 1e-6, 1e-9 * Matrices.maxAbs(numeric));
    }

    private static EdgeOpMatrix allOn(Operation op) {
        EdgeOpMatrix m = EdgeOpMatrix.zeros();
        for (int e = 0; e < CellTopology.EDGES; e++) {
            m = m.with(e, op.ordinal(), 1.0);
        }
        return m;
    }
}
