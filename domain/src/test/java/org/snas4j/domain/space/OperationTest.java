package org.snas4j.domain.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OperationTest {

    @Test
    void eightOperationsInSnasOrder() {
        assertEquals(8, Operation.COUNT);
        assertEquals(List.of("none", "max_pool_3x3", "avg_pool_3x3", "skip_connect", "sep_conv_3x3", "sep_conv_5x5",
                "dil_conv_3x3", "dil_conv_5x5"), Operation.all().stream().map(Operation::id).toList());
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void idRoundTrips(Operation op) {
        assertEquals(op, Operation.fromId(op.id()));
        assertEquals(op.id(), op.toString());
    }

    @Test
    void unknownIdNamesTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Operation.fromId("conv_7x7"));
        assertTrue(e.getMessage().contains("conv_7x7") && e.getMessage().contains("sep_conv_3x3"), e.getMessage());
    }

    @Test
    void kernelsDilationsAndParameterFreeOps() {
        assertEquals(List.of(0, 3, 3, 0, 3, 5, 3, 5), Operation.all().stream().map(Operation::kernelSize).toList());
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 2, 2), Operation.all().stream().map(Operation::dilation).toList());
        assertEquals(List.of(Operation.NONE, Operation.MAX_POOL_3X3, Operation.AVG_POOL_3X3, Operation.SKIP_CONNECT),
                Operation.all().stream().filter(Operation::isParameterFree).toList());
        assertEquals(List.of(Operation.MAX_POOL_3X3, Operation.AVG_POOL_3X3), Operation.all().stream().filter(Operation::isPool).toList());
        assertEquals(List.of(Operation.SEP_CONV_3X3, Operation.SEP_CONV_5X5), Operation.all().stream().filter(Operation::isSeparableConv).toList());
        assertEquals(List.of(Operation.DIL_CONV_3X3, Operation.DIL_CONV_5X5), Operation.all().stream().filter(Operation::isDilatedConv).toList());
    }
}
