package org.snas4j.domain.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.testing.Matrices;

class AdamOptimizerTest {

    @Test
    void snasDefaults() {
        assertEquals(new AdamSettings(3e-4, 0.5, 0.999, 1e-8, 1e-3, 10), AdamSettings.snasDefaults());
    }

    @Test
    void firstStepByHandWithClippingAndWeightDecay() {
        // Gradient norm 50 (30 and -40) is clipped to 10: scale 10 / (50 + 1e-6). Weight decay 1e-3 * param is added
        // after clipping. At step 1 the bias-corrected update is lr * g / (|g| + eps).
        CellPair<EdgeOpMatrix> params = new CellPair<>(EdgeOpMatrix.filled(1.0), EdgeOpMatrix.zeros());
        CellPair<EdgeOpMatrix> gradient = new CellPair<>(EdgeOpMatrix.zeros().with(0, 0, 30), EdgeOpMatrix.zeros().with(0, 0, -40));
        AdamOptimizer adam = new AdamOptimizer(AdamSettings.snasDefaults());
        CellPair<EdgeOpMatrix> next = adam.step(params, gradient);
        // g = 300/50.000001 + 0.001 = 6.00099988: 1 - 3e-4 * g / (g + 1e-8)
        assertEquals(0.9997000000005, next.normal().get(0, 0), 1e-15);
        // g = 0.001 (decay only): 1 - 3e-4 * 0.001 / 0.00100001
        assertEquals(0.99970000299997, next.normal().get(5, 3), 1e-15);
        // g = -400/50.000001 = -7.99999984: 0 + 3e-4 * 7.99999984 / 7.99999985
        assertEquals(2.99999999625e-4, next.reduction().get(0, 0), 1e-17);
        // g = 0: m = v = 0, no move.
        assertEquals(0.0, next.reduction().get(1, 1));
        assertEquals(1, adam.state().step());
    }

    @Test
    void secondStepFollowsTheBiasCorrectedMoments() {
        AdamSettings s = AdamSettings.snasDefaults();
        AdamOptimizer adam = new AdamOptimizer(s);
        CellPair<EdgeOpMatrix> p1 = adam.step(CellPair.of(k -> EdgeOpMatrix.filled(2.0)), CellPair.of(k -> EdgeOpMatrix.filled(0.1)));
        CellPair<EdgeOpMatrix> p2 = adam.step(p1, CellPair.of(k -> EdgeOpMatrix.filled(-0.3)));
        // Joint norm sqrt(224) * 0.1 = 1.5 and 4.5: below the clip, untouched.
        double g1 = 0.1 + 1e-3 * 2.0;
        double x1 = 2.0 - 3e-4 * g1 / (g1 + 1e-8);
        double g2 = -0.3 + 1e-3 * x1;
        double m2 = 0.5 * (0.5 * g1) + 0.5 * g2;
        double v2 = 0.999 * (0.001 * g1 * g1) + 0.001 * g2 * g2;
        double x2 = x1 - 3e-4 / (1 - 0.25) * m2 / (Math.sqrt(v2) / Math.sqrt(1 - 0.999 * 0.999) + 1e-8);
        assertEquals(x1, p1.normal().get(3, 3), 1e-15);
        assertEquals(x2, p2.reduction().get(7, 2), 1e-15);
    }

    @Test
    void restoredOptimiserContinuesBitIdentically() {
        List<CellPair<EdgeOpMatrix>> gradients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            gradients.add(Matrices.uniform(50 + i, -3, 3));
        }
        CellPair<EdgeOpMatrix> start = Matrices.uniform(49, -1, 1);
        AdamSettings settings = AdamSettings.snasDefaults();

        AdamOptimizer uninterrupted = new AdamOptimizer(settings);
        CellPair<EdgeOpMatrix> a = start;
        for (CellPair<EdgeOpMatrix> g : gradients) {
            a = uninterrupted.step(a, g);
        }

        AdamOptimizer first = new AdamOptimizer(settings);
        CellPair<EdgeOpMatrix> b = start;
        for (CellPair<EdgeOpMatrix> g : gradients.subList(0, 5)) {
            b = first.step(b, g);
        }
        AdamState saved = new AdamState(first.state().step(), first.state().firstMoment(), first.state().secondMoment());
        AdamOptimizer resumed = AdamOptimizer.restore(settings, saved);
        for (CellPair<EdgeOpMatrix> g : gradients.subList(5, 10)) {
            b = resumed.step(b, g);
        }
        assertEquals(a, b);
        assertEquals(uninterrupted.state(), resumed.state());
        assertEquals(10, resumed.state().step());
    }

    @Test
    void rejectsBadSettingsAndNonFiniteGradients() {
        assertThrows(IllegalArgumentException.class, () -> new AdamSettings(0, 0.5, 0.999, 1e-8, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new AdamSettings(1e-3, 1.0, 0.999, 1e-8, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new AdamSettings(1e-3, 0.5, 0.999, 1e-8, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new AdamSettings(1e-3, 0.5, 0.999, 1e-8, 0, 0));
        AdamOptimizer adam = new AdamOptimizer(AdamSettings.snasDefaults());
        CellPair<EdgeOpMatrix> nan = CellPair.of(k -> EdgeOpMatrix.zeros().map(x -> Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> adam.step(CellPair.of(k -> EdgeOpMatrix.zeros()), nan));
        assertEquals(0, adam.state().step());
    }
}
