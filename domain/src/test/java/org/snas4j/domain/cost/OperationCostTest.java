package org.snas4j.domain.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OperationCostTest {

    private static final OperationCost SEP_3X3_16_CHANNELS = new OperationCost(800, 819_200, 131_872);

    @Test
    void combinedIsTheAuthorsWeightedSum() {
        // 0.43 * (2*800 + 819200/4000 + 131872/100) = 0.43 * (1600 + 204.8 + 1318.72)
        assertEquals(1343.1136, SEP_3X3_16_CHANNELS.combined(), 1e-9);
    }

    @Test
    void logFormAveragesTheClampedLogs() {
        assertEquals((Math.log(800) + Math.log(819_200) + Math.log(131_872)) / 3, SEP_3X3_16_CHANNELS.logCombined(), 1e-12);
        assertEquals(Math.log(2) / 3, new OperationCost(0.5, 0, 2).logCombined(), 1e-15);
        assertEquals(0.0, OperationCost.ZERO.logCombined());
    }

    @Test
    void sumsAndScalesComponentwise() {
        OperationCost a = new OperationCost(1, 2, 3);
        assertEquals(new OperationCost(801, 819_202, 131_875), a.plus(SEP_3X3_16_CHANNELS));
        assertEquals(new OperationCost(0.5, 1, 1.5), a.scale(0.5));
        assertThrows(IllegalArgumentException.class, () -> new OperationCost(Double.NaN, 0, 0));
    }

    @Test
    void metricsReadTheirComponentAndIdsRoundTrip() {
        OperationCost c = new OperationCost(10, 20_000, 300);
        assertEquals(10, CostMetric.PARAMETERS.of(c));
        assertEquals(20_000, CostMetric.FLOPS.of(c));
        assertEquals(300, CostMetric.MAC.of(c));
        assertEquals(c.combined(), CostMetric.COMBINED.of(c));
        assertEquals(Math.log(300), CostMetric.MAC.logOf(c), 1e-15);
        assertEquals(c.logCombined(), CostMetric.COMBINED.logOf(c));
        assertEquals(0.0, CostMetric.PARAMETERS.logOf(new OperationCost(0.2, 0, 0)));
        for (CostMetric m : CostMetric.values()) {
            assertEquals(m, CostMetric.fromId(m.id()));
            assertEquals(m, CostMetric.fromId(m.id().toUpperCase(java.util.Locale.ROOT)));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CostMetric.fromId("latency"));
        assertTrue(e.getMessage().contains("latency") && e.getMessage().contains("combined"), e.getMessage());
    }
}
