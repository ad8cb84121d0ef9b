package org.snas4j.domain.genotype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;

class NetworkParameterCountTest {

    private static final ChildOptions PLAIN = new ChildOptions(false, false);
    private static final ChildOptions POOL_BN = new ChildOptions(false, true);
    private static final ChildOptions WITH_AUX = new ChildOptions(true, false);

    @Test
    void oneReductionCellChildByHand() {
        // layers 1, C 2 -> 4 in the reduction cell, 4x4x1 input, 2 classes.
        // stem 1*6*9 + 2*6 = 66; preprocessing 2 * (6*4 + 2*4) = 64; classifier 16*2 + 2 = 34.
        // Edges at C = 4: sep_conv_3 (stride 2) 2*(36 + 16 + 8) = 120; skip (stride 2, FactorizedReduce) 2*4*2 + 8 = 24;
        // dil_conv_5 (stride 1) 100 + 16 + 8 = 124; sep_conv_5 (stride 1) 2*(100 + 16 + 8) = 248;
        // max pool (stride 2), avg pool (stride 2), none, skip (stride 1): 0 (8 per pool with BN after pools).
        // The one-cell net has no normal cell, so the normal half is never counted.
        Genotype g = new Genotype(PublishedGenotypes.byName("darts-v2").normal(), new CellGenotype(GenotypeForm.TOP2_PER_NODE, List.of(
                new CellEdge(Operation.SEP_CONV_3X3, 0, 2), new CellEdge(Operation.SKIP_CONNECT, 1, 2),
                new CellEdge(Operation.DIL_CONV_5X5, 2, 3), new CellEdge(Operation.MAX_POOL_3X3, 0, 3),
                new CellEdge(Operation.SEP_CONV_5X5, 3, 4), new CellEdge(Operation.AVG_POOL_3X3, 1, 4),
                new CellEdge(Operation.NONE, 4, 5), new CellEdge(Operation.SKIP_CONNECT, 2, 5))));
        NetworkShape shape = new NetworkShape(1, 2, 4, 1, 2);
        assertEquals(66 + 64 + 34 + 120 + 24 + 124 + 248, NetworkParameterCount.ofChild(g, shape, PLAIN));
        assertEquals(680 + 2 * 8, NetworkParameterCount.ofChild(g, shape, POOL_BN));
    }

    @Test
    void noneEdgesCostNothingAndFactorizedReducePreprocessesAfterAReduction() {
        // layers 2 (both cells reduce), C 4, 8x8x3, 10 classes; every edge none, so only the fixed parts count.
        // stem 3*12*9 + 24 = 348; cell 0: 2 * (12*8 + 16) = 224;
        // cell 1 (after a reduction): FactorizedReduce(12 -> 16) 2*12*8 + 32 = 224, ReLUConvBN(32 -> 16) 512 + 32 = 544;
        // classifier 64*10 + 10 = 650.
        Genotype allNone = new Genotype(everyEdgeNone(), everyEdgeNone());
        assertEquals(348 + 224 + 224 + 544 + 650, NetworkParameterCount.ofChild(allNone, new NetworkShape(2, 4, 8, 3, 10), POOL_BN));
    }

    @Test
    void supernetByHand() {
        // Same two-cell net, all 8 ops per edge, non-affine BN in the cells. Stem 324 + affine BN 24, classifier 650.
        // Cell 0 (C 8): preprocessing 2*96; per edge sep3 272 + sep5 528 + dil3 136 + dil5 264 (+ FactorizedReduce 64 at stride 2):
        //   8 * 1264 + 6 * 1200 = 17312.
        // Cell 1 (C 16): preprocessing FactorizedReduce 192 + conv 512; sep3 800 + sep5 1312 + dil3 400 + dil5 656 (+ 256):
        //   8 * 3424 + 6 * 3168 = 46400.
        assertEquals(324 + 24 + 192 + 17312 + 704 + 46400 + 650, NetworkParameterCount.ofSupernet(new NetworkShape(2, 4, 8, 3, 10)));
    }

    @Test
    void searchSupernetMatchesDartsOwnCount() {
        // DARTS' train_search logs "param size = 1.930618MB" for 8 cells, C 16 (its stem BN keeps the default
        // affine parameters, every other BN is non-affine).
        assertEquals(1_930_618, NetworkParameterCount.ofSupernet(NetworkShape.paperSearch()));
    }

    @Test
    void dartsV2MatchesDartsOwnCount() {
        // DARTS' train.py logs "param size = 3.349342MB" for DARTS_V2 at 20 cells, C 36, without the auxiliary head,
        // plain pools. The SNAS code's BN after each pool adds 2C per pool edge: 5 pool edges in each of the 2 reduction cells.
        Genotype darts = PublishedGenotypes.byName("darts-v2");
        NetworkShape eval = NetworkShape.paperEvaluation();
        assertEquals(3_349_342, NetworkParameterCount.ofChild(darts, eval, PLAIN));
        assertEquals(3_349_342 + 5 * 2 * 72 + 5 * 2 * 144, NetworkParameterCount.ofChild(darts, eval, POOL_BN));
    }

    @Test
    void snasChildrenAgainstThePapersTable() {
        // Paper Table 2: mild 2.9M, moderate 2.8M, aggressive 2.3M (auxiliary head excluded). Pool BN changes the
        // counts by under 0.1% (mild +2160, moderate +864, aggressive has no pools), so the published figures cannot
        // tell the conventions apart; plain pools are used here, as for DARTS above.
        NetworkShape eval = NetworkShape.paperEvaluation();
        assertWithin(2.8e6, 0.02, NetworkParameterCount.ofChild(PublishedGenotypes.byName("snas-moderate"), eval, PLAIN));
        assertWithin(2.3e6, 0.02, NetworkParameterCount.ofChild(PublishedGenotypes.byName("snas-aggressive"), eval, PLAIN));
        // The published mild cell gives 2.66M under either convention, 8% below the table's 2.9M; the table's figure
        // probably belongs to another variant of the mild network. Bound it loosely and keep the order of the levels.
        long mild = NetworkParameterCount.ofChild(PublishedGenotypes.byName("snas-mild"), eval, PLAIN);
        assertWithin(2.9e6, 0.10, mild);
        assertEquals(2_663_542, NetworkParameterCount.ofChild(PublishedGenotypes.byName("snas-mild"), eval, POOL_BN));
        assertEquals(2_661_382, mild);
    }

    @Test
    void auxiliaryHeadByHand() {
        // 32x32 input: cell 13 emits 4*144 = 576 channels at 8x8; pooled 2x2.
        // 576*128 + 2*128 + 128*768*2*2 + 2*768 + 768*10 + 10 = 476426.
        NetworkShape eval = NetworkShape.paperEvaluation();
        Genotype g = PublishedGenotypes.byName("snas-moderate");
        assertEquals(476_426, NetworkParameterCount.ofChild(g, eval, WITH_AUX) - NetworkParameterCount.ofChild(g, eval, PLAIN));
        // 28x28 input: 7x7 at cell 13, pooled 1x1, so the 128 -> 768 conv is 1x1: 73728 + 256 + 98304 + 1536 + 7690.
        NetworkShape mnist = new NetworkShape(20, 36, 28, 1, 10);
        assertEquals(181_514, NetworkParameterCount.ofChild(g, mnist, WITH_AUX) - NetworkParameterCount.ofChild(g, mnist, PLAIN));
        // 16x16 input with 8 cells: 4x4 at cell 5, too small for the 5x5 pool.
        assertThrows(IllegalArgumentException.class, () -> NetworkParameterCount.ofChild(g, new NetworkShape(8, 16, 16, 3, 10), WITH_AUX));
    }

    private static void assertWithin(double published, double relative, long actual) {
        assertEquals(published, actual, relative * published, "count " + actual + " vs published " + published);
    }

    static CellGenotype everyEdgeNone() {
        List<CellEdge> edges = new ArrayList<>();
        for (int e = 0; e < CellTopology.EDGES; e++) {
            edges.add(new CellEdge(Operation.NONE, CellTopology.fromNode(e), CellTopology.toNode(e)));
        }
        return new CellGenotype(GenotypeForm.EDGE_ALL, edges);
    }
}
