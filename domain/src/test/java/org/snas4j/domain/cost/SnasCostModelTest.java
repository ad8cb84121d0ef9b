package org.snas4j.domain.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snas4j.domain.space.EdgeShape;
import org.snas4j.domain.space.Operation;

/** Every entry of the SNAS cost table for two edges, computed by hand. */
class SnasCostModelTest {

    private final CostModel model = new SnasCostModel();

    @Test
    void normalEdgeAtSixteenChannelsAndThirtyTwoPixels() {
        // C = 16, stride 1, h = 32 (h^2 = 1024).
        EdgeShape edge = new EdgeShape(16, 1, 32, 32);
        assertCosts(edge, Map.of(
                Operation.NONE, new OperationCost(0, 0, 0),
                Operation.MAX_POOL_3X3, new OperationCost(0, 147_456, 32_768),   // 9*1024*16, 2*1024*16
                Operation.AVG_POOL_3X3, new OperationCost(0, 147_456, 32_768),
                Operation.SKIP_CONNECT, new OperationCost(0, 0, 32_768),          // 2*16*1024
                Operation.SEP_CONV_3X3, new OperationCost(800, 819_200, 131_872), // 2*16*9 + 2*256; 1024*(7*16+16) + 800
                Operation.SEP_CONV_5X5, new OperationCost(1312, 1_343_488, 132_384),
                Operation.DIL_CONV_3X3, new OperationCost(400, 409_600, 65_936),  // 16*9 + 256; 1024*(3*16+16) + 400
                Operation.DIL_CONV_5X5, new OperationCost(656, 671_744, 66_192)));
    }

    @Test
    void reducingEdgeAtThirtyTwoChannelsFromThirtyTwoToSixteenPixels() {
        // C = 32, stride 2, output h = 16 (h^2 = 256).
        EdgeShape edge = new EdgeShape(32, 2, 32, 16);
        assertCosts(edge, Map.of(
                Operation.NONE, new OperationCost(0, 0, 0),
                Operation.MAX_POOL_3X3, new OperationCost(0, 73_728, 40_960),       // 9*256*32, 5*256*32
                Operation.AVG_POOL_3X3, new OperationCost(0, 73_728, 40_960),
                Operation.SKIP_CONNECT, new OperationCost(1024, 262_144, 74_752),   // FactorizedReduce: 32^2; 2*256*(128+16) + 1024
                Operation.SEP_CONV_3X3, new OperationCost(2624, 671_744, 92_736),   // 2*32*9 + 2*1024; 256*(10*32+32) + 2624
                Operation.SEP_CONV_5X5, new OperationCost(3648, 933_888, 93_760),
                Operation.DIL_CONV_3X3, new OperationCost(1312, 335_872, 58_656),   // 32*9 + 1024; 256*(6*32+32) + 1312
                Operation.DIL_CONV_5X5, new OperationCost(1824, 466_944, 59_168)));
    }

    private void assertCosts(EdgeShape edge, Map<Operation, OperationCost> expected) {
        assertEquals(Operation.COUNT, expected.size());
        expected.forEach((op, cost) -> assertEquals(cost, model.cost(op, edge), op.id()));
    }
}
