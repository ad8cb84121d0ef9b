package org.snas4j.domain.genotype;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.Operation;
import org.snas4j.domain.testing.Matrices;

class GenotypeDerivationTest {

    @Test
    void edgeAllKeepsTheArgmaxOfEveryEdgeNoneIncluded() {
        EdgeOpMatrix normal = EdgeOpMatrix.zeros();
        for (int e = 0; e < CellTopology.EDGES; e++) {
            normal = normal.with(e, e % Operation.COUNT, 2.0);
        }
        // Edge 13 ties between none and dil_conv_5x5: the first in SNAS order wins.
        normal = normal.with(13, Operation.DIL_CONV_5X5.ordinal(), 2.0);
        Genotype g = GenotypeDerivation.edgeAll(new CellPair<>(normal, EdgeOpMatrix.zeros()));
        assertEquals(GenotypeForm.EDGE_ALL, g.form());
        for (CellEdge edge : g.normal().edges()) {
            int e = edge.edgeIndex();
            assertEquals(Operation.all().get(e == 13 ? 5 : e % Operation.COUNT), edge.operation(), "edge " + e);
        }
        assertEquals(14, g.reduction().edges().stream().filter(edge -> edge.operation() == Operation.NONE).count());
    }

    @Test
    void topTwoRanksEdgesByTheirStrongestNonNoneProbability() {
        EdgeOpMatrix m = EdgeOpMatrix.zeros();
        // Node 2: edge 0 has a huge none logit, which does not count; its best non-none prob is 1/(7 + e^9), tiny.
        m = m.with(0, Operation.NONE.ordinal(), 9.0).with(0, Operation.SEP_CONV_5X5.ordinal(), 0.5);
        m = m.with(1, Operation.SKIP_CONNECT.ordinal(), 1.0);
        // Node 3: edge 2 has four logits of 2 (best prob e^2/(4 + 4e^2) = 0.22); edge 3 one logit of 1.5
        // (best prob e^1.5/(7 + e^1.5) = 0.39). The probability, not the logit, ranks: edge 3 before edge 2.
        for (Operation op : List.of(Operation.SEP_CONV_3X3, Operation.SEP_CONV_5X5, Operation.DIL_CONV_3X3, Operation.DIL_CONV_5X5)) {
            m = m.with(2, op.ordinal(), 2.0);
        }
        m = m.with(3, Operation.MAX_POOL_3X3.ordinal(), 1.5);
        // Node 4: edges 5..8 all uniform: ties keep inputs 0 and 1, each with the first non-none op.
        // Node 5: edge 13 (from node 4) strongest, then edge 11 (from node 2).
        m = m.with(13, Operation.DIL_CONV_3X3.ordinal(), 3.0).with(11, Operation.AVG_POOL_3X3.ordinal(), 2.0);
        Genotype g = GenotypeDerivation.top2PerNode(new CellPair<>(m, m));
        List<CellEdge> expected = List.of(
                new CellEdge(Operation.SEP_CONV_5X5, 0, 2), new CellEdge(Operation.SKIP_CONNECT, 1, 2),
                new CellEdge(Operation.SEP_CONV_3X3, 0, 3), new CellEdge(Operation.MAX_POOL_3X3, 1, 3),
                new CellEdge(Operation.MAX_POOL_3X3, 0, 4), new CellEdge(Operation.MAX_POOL_3X3, 1, 4),
                new CellEdge(Operation.AVG_POOL_3X3, 2, 5), new CellEdge(Operation.DIL_CONV_3X3, 4, 5));
        assertEquals(expected, g.normal().edges());
        assertEquals(GenotypeForm.TOP2_PER_NODE, g.form());
        assertEquals(g.normal(), g.reduction());
    }

    @Test
    void theSnasTop2RuleRanksAndChoosesWithNoneIncluded() {
        EdgeOpMatrix m = EdgeOpMatrix.zeros();
        // Node 2: edge 0's strongest op is none (kept, as none, under the SNAS rule); edge 1 a weaker skip.
        m = m.with(0, Operation.NONE.ordinal(), 9.0).with(0, Operation.SEP_CONV_5X5.ordinal(), 0.5);
        m = m.with(1, Operation.SKIP_CONNECT.ordinal(), 1.0);
        // Node 3: edge 2's none (prob near 1) beats edge 4's sep_conv_3x3, which beats edge 3's pool.
        m = m.with(2, Operation.NONE.ordinal(), 8.0).with(3, Operation.MAX_POOL_3X3.ordinal(), 0.5)
                .with(4, Operation.SEP_CONV_3X3.ordinal(), 2.0);
        Genotype snas = GenotypeDerivation.top2PerNode(new CellPair<>(m, m), Top2Rule.SNAS);
        assertEquals(List.of(new CellEdge(Operation.NONE, 0, 2), new CellEdge(Operation.SKIP_CONNECT, 1, 2),
                new CellEdge(Operation.NONE, 0, 3), new CellEdge(Operation.SEP_CONV_3X3, 2, 3)), snas.normal().edges().subList(0, 4));
        Genotype darts = GenotypeDerivation.top2PerNode(new CellPair<>(m, m), Top2Rule.DARTS);
        assertEquals(darts, GenotypeDerivation.top2PerNode(new CellPair<>(m, m)));
        assertEquals(0, darts.normal().edges().stream().filter(edge -> edge.operation() == Operation.NONE).count());
        assertEquals(Top2Rule.SNAS, Top2Rule.fromId("SNAS"));
    }

    @Test
    void oneHotMarksTheKeptEdgesAndLeavesDroppedRowsEmpty() {
        Genotype darts = PublishedGenotypes.byName("darts-v2");
        CellPair<EdgeOpMatrix> z = GenotypeDerivation.oneHot(darts);
        // Normal node 5 keeps (skip_connect, 0) = edge 9 and (dil_conv_3x3, 2) = edge 11; edges 10, 12, 13 are dropped.
        assertEquals(1.0, z.normal().get(9, Operation.SKIP_CONNECT));
        assertEquals(1.0, z.normal().get(11, Operation.DIL_CONV_3X3));
        for (int dropped : new int[] {10, 12, 13}) {
            assertEquals(0.0, sum(z.normal().row(dropped)), "edge " + dropped);
        }
        assertEquals(8.0, z.normal().dot(EdgeOpMatrix.filled(1.0)));
        assertEquals(8.0, z.reduction().dot(EdgeOpMatrix.filled(1.0)));
    }

    @Test
    void derivationsRecoverTheGenotypeOfTheirOneHotLogits() {
        for (String name : List.of("darts-v2", "snas-mild", "snas-moderate")) {
            Genotype g = PublishedGenotypes.byName(name);
            assertEquals(g, GenotypeDerivation.top2PerNode(GenotypeDerivation.oneHot(g).map(m -> m.scale(10))), name);
        }
        Genotype edgeAll = GenotypeDerivation.edgeAll(Matrices.uniform(31, -1, 1));
        assertEquals(edgeAll, GenotypeDerivation.edgeAll(GenotypeDerivation.oneHot(edgeAll)));
    }

    private static double sum(double[] row) {
        double s = 0;
        for (double v : row) {
            s += v;
        }
        return s;
    }
}
