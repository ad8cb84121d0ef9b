package org.snas4j.domain.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.CellGenotype;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeDerivation;
import org.snas4j.domain.genotype.GenotypeForm;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;
import org.snas4j.domain.testing.Matrices;

class NetworkCostTest {

    /**
     * One reduction cell, C = 2 doubled to 4, 4x4 -> 2x2: 8 stride-2 edges and 6 stride-1 edges,
     * all with C = 4 and output h = 2 (h^2 = 4). Per-op costs by hand (parameters, FLOPs, MAC):
     * <pre>
     *            stride 2            stride 1
     * pool       0, 144, 80          0, 144, 32
     * skip       16, 64, 160 (FR)    0, 0, 32
     * sep_conv_3 104, 416, 280       104, 416, 232
     * sep_conv_5 232, 928, 408       232, 928, 360
     * dil_conv_3 52, 208, 164        52, 208, 116
     * dil_conv_5 116, 464, 228       116, 464, 180
     * </pre>
     * Sums over the 8 ops: stride 2 (520, 2368, 1400), stride 1 (504, 2304, 984).
     */
    static final NetworkShape ONE_REDUCTION_CELL = new NetworkShape(1, 2, 4, 1, 2);

    private final NetworkCost tiny = NetworkCost.of(ONE_REDUCTION_CELL, new SnasCostModel());

    @Test
    void expectedCostUnderUniformLogitsIsAnEighthOfEveryOp() {
        ArchitectureDistribution uniform = ArchitectureDistribution.of(CellPair.of(k -> EdgeOpMatrix.zeros()));
        // (8 * 520 + 6 * 504) / 8, (8 * 2368 + 6 * 2304) / 8, (8 * 1400 + 6 * 984) / 8
        assertCost(new OperationCost(898, 4096, 2138), tiny.expected(uniform));
    }

    @Test
    void realisedCostOfAllSepConvThreeByThree() {
        EdgeOpMatrix sep = EdgeOpMatrix.zeros();
        for (int e = 0; e < CellTopology.EDGES; e++) {
            sep = sep.with(e, Operation.SEP_CONV_3X3.ordinal(), 1.0);
        }
        // 14 * 104, 14 * 416, 8 * 280 + 6 * 232; the normal matrix has no cell to weight.
        assertCost(new OperationCost(1456, 5824, 3632), tiny.realised(new CellPair<>(EdgeOpMatrix.filled(5.0), sep)));
    }

    @Test
    void edgeCostWeighsTheEightOps() {
        double[] weights = {0.5, 0, 0, 0.25, 0, 0, 0.25, 0};
        // stride-2 edge 0: 0.25 * skip (16, 64, 160) + 0.25 * dil_conv_3 (52, 208, 164)
        assertCost(new OperationCost(17, 68, 81), tiny.edgeCost(0, 0, weights));
        assertThrows(IllegalArgumentException.class, () -> tiny.edgeCost(0, 0, new double[7]));
        assertThrows(IllegalArgumentException.class, () -> tiny.edgeCost(1, 0, weights));
    }

    @Test
    void genotypeCostEqualsTheRealisedCostOfItsOneHotSample() {
        NetworkCost search = NetworkCost.of(NetworkShape.paperSearch(), new SnasCostModel());
        for (String name : PublishedGenotypes.names()) {
            Genotype g = PublishedGenotypes.byName(name);
            assertCost(search.realised(GenotypeDerivation.oneHot(g)), search.ofGenotype(g));
            OperationCost byCell = OperationCost.ZERO;
            for (int cell = 0; cell < search.cells(); cell++) {
                byCell = byCell.plus(search.ofCell(cell, g.cell(search.layout().cell(cell).kind())));
            }
            assertCost(byCell, search.ofGenotype(g));
        }
    }

    @Test
    void genotypeCostByHandOnTheTinyNetwork() {
        // Reduction cell: sep_conv_3 on edge 0 (stride 2) and skip on edge 4 (stride 1), none elsewhere.
        List<CellEdge> edges = new ArrayList<>();
        for (int e = 0; e < CellTopology.EDGES; e++) {
            Operation op = e == 0 ? Operation.SEP_CONV_3X3 : e == 4 ? Operation.SKIP_CONNECT : Operation.NONE;
            edges.add(new CellEdge(op, CellTopology.fromNode(e), CellTopology.toNode(e)));
        }
        CellGenotype cell = new CellGenotype(GenotypeForm.EDGE_ALL, edges);
        assertCost(new OperationCost(104, 416, 312), tiny.ofGenotype(new Genotype(cell, cell)));
    }

    @Test
    void expectedCostIsTheProbabilityWeightedSumOverCells() {
        NetworkCost search = NetworkCost.of(NetworkShape.paperSearch(), new SnasCostModel());
        ArchitectureDistribution d = ArchitectureDistribution.of(Matrices.uniform(3, -2, 2));
        double parameters = 0;
        for (int cell = 0; cell < search.cells(); cell++) {
            CellKind kind = search.layout().cell(cell).kind();
            for (int e = 0; e < CellTopology.EDGES; e++) {
                for (Operation op : Operation.all()) {
                    parameters += d.probabilities().get(kind).get(e, op) * search.cost(cell, e, op).parameters();
                }
            }
        }
        assertEquals(parameters, search.expected(d).parameters(), 1e-9 * parameters);
    }

    private static void assertCost(OperationCost expected, OperationCost actual) {
        assertEquals(expected.parameters(), actual.parameters(), 1e-9, "parameters");
        assertEquals(expected.flops(), actual.flops(), 1e-9, "flops");
        assertEquals(expected.mac(), actual.mac(), 1e-9, "mac");
    }
}
