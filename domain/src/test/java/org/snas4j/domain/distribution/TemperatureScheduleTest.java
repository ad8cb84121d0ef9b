package org.snas4j.domain.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemperatureScheduleTest {

    @Test
    void linearRunsFromStartToFloorOverTheRunsOwnEpochs() {
        TemperatureSchedule s = TemperatureSchedule.linear(1.0, 0.03, 50);
        assertEquals(1.0, s.temperature(0), 1e-15);
        assertEquals(0.03, s.temperature(49), 1e-15);
        assertEquals(1.0 - 0.97 * 10 / 49, s.temperature(10), 1e-15);
        assertEquals(0.03, s.temperature(80), 1e-15);
    }

    @Test
    void exponentialFallsByTheSameFactorEachEpoch() {
        TemperatureSchedule s = TemperatureSchedule.exponential(1.0, 0.04, 11);
        assertEquals(1.0, s.temperature(0), 1e-15);
        assertEquals(0.2, s.temperature(5), 1e-12);
        assertEquals(0.04, s.temperature(10), 1e-12);
        assertEquals(s.temperature(3) / s.temperature(2), s.temperature(8) / s.temperature(7), 1e-12);
        assertEquals(0.04, s.temperature(20), 1e-12);
    }

    @Test
    void neverIncreasesAndNeverDropsBelowTheFloor() {
        for (TemperatureSchedule s : List.of(TemperatureSchedule.linear(2, 0.1, 7), TemperatureSchedule.exponential(2, 0.1, 7))) {
            for (int epoch = 1; epoch < 12; epoch++) {
                assertTrue(s.temperature(epoch) <= s.temperature(epoch - 1), s + " at " + epoch);
                assertTrue(s.temperature(epoch) >= 0.1, s + " at " + epoch);
            }
        }
    }

    @Test
    void aOneEpochRunUsesTheStartTemperature() {
        assertEquals(1.0, TemperatureSchedule.linear(1, 0.03, 1).temperature(0));
        assertEquals(1.0, TemperatureSchedule.exponential(1, 0.03, 1).temperature(0));
    }

    @Test
    void rejectsInvalidSchedules() {
        assertThrows(IllegalArgumentException.class, () -> TemperatureSchedule.linear(1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> TemperatureSchedule.linear(0.01, 0.03, 10));
        assertThrows(IllegalArgumentException.class, () -> TemperatureSchedule.exponential(1, 0.03, 0));
        assertThrows(IllegalArgumentException.class, () -> TemperatureSchedule.linear(1, 0.03, 10).temperature(-1));
    }
}
