package org.snas4j.domain.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.NetworkLayout;
import org.snas4j.domain.space.NetworkShape;

class NetworkMultiplyAddsTest {

    /** {@link NetworkCostTest#ONE_REDUCTION_CELL}: stem 9 * 1 * 6 * 4^2 = 864, preprocessing (6 + 6) * 4 * 4^2 = 768, classifier 16 * 2 = 32. */
    private static final double OUTSIDE_ONE_REDUCTION_CELL = 864 + 768 + 32;

    @Test
    void supernetComputesEveryOperationOfEveryEdge() {
        // the cells: 8 stride-2 edges at 2368 and 6 stride-1 edges at 2304 (NetworkCostTest's table)
        assertEquals(OUTSIDE_ONE_REDUCTION_CELL + 8 * 2368 + 6 * 2304, NetworkMultiplyAdds.supernet(NetworkCostTest.ONE_REDUCTION_CELL), 1e-9);
    }

    @Test
    void childComputesItsGenotypesOperationsOnly() {
        // darts-v2's reduction cell: five 3x3 max pools on stride-2 edges (144 each) and three identity skips (0)
        assertEquals(OUTSIDE_ONE_REDUCTION_CELL + 5 * 144,
                NetworkMultiplyAdds.child(PublishedGenotypes.byName("darts-v2"), NetworkCostTest.ONE_REDUCTION_CELL), 1e-9);
    }

    @Test
    void outsideTheCellsCountsStemPreprocessingAndClassifierByHand() {
        // 3 cells, C = 2, 8x8x3, 10 classes: reductions at cells 1 and 2.
        // stem 9 * 3 * 6 * 64 = 10368; cell 0 (normal, 8x8, inputs 6 and 6 channels -> 2): 12 * 2 * 64 = 1536;
        // cell 1 (reduction, 8x8 inputs of 6 and 8 -> 4): 14 * 4 * 64 = 3584; cell 2 (reduction after a reduction:
        // FactorizedReduce of cell 0's 8 channels at 4x4, and 16 -> 8): 24 * 8 * 16 = 3072; classifier 32 * 10 = 320.
        NetworkLayout layout = NetworkLayout.of(new NetworkShape(3, 2, 8, 3, 10));
        assertEquals(10368 + 1536 + 3584 + 3072 + 320, NetworkMultiplyAdds.outsideCells(layout), 1e-9);
    }
}
