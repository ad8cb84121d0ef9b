package org.snas4j.domain.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CosineScheduleTest {

    private final CosineSchedule darts = new CosineSchedule(0.025, 0.001, 50);

    @Test
    void dartsCosineFromMaxToMin() {
        assertEquals(0.025, darts.at(0), 1e-15);
        assertEquals(0.013, darts.at(25), 1e-15);
        // 0.001 + 0.024 * (1 + cos(pi / 5)) / 2 = 0.001 + 0.012 * 1.8090169943749475
        assertEquals(0.022708203932499370, darts.at(10), 1e-15);
        assertEquals(0.001, darts.at(50), 1e-15);
        assertEquals(0.001, darts.at(70), 1e-15);
    }

    @Test
    void rejectsInvalidSchedules() {
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.001, 0.025, 50));
        assertThrows(IllegalArgumentException.class, () -> new CosineSchedule(0.025, 0.001, 0));
        assertThrows(IllegalArgumentException.class, () -> darts.at(-1));
    }
}
