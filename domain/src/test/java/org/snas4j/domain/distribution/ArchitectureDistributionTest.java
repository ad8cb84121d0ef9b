package org.snas4j.domain.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.testing.Matrices;

class ArchitectureDistributionTest {

    private static final int OPS = EdgeOpMatrix.COLUMNS;
    private static final int EDGES = EdgeOpMatrix.ROWS;

    @Test
    void initialLogitsAreSeededAndDrawnAroundOne() {
        ArchitectureDistribution a = ArchitectureDistribution.initial(7);
        assertEquals(a, ArchitectureDistribution.initial(7));
        assertNotEquals(a.logits(), ArchitectureDistribution.initial(8).logits());
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (CellKind kind : CellKind.values()) {
            for (double v : a.logits().get(kind).toRowMajor()) {
                sum += v;
                squares += v * v;
                n++;
            }
        }
        double mean = sum / n;
        double std = Math.sqrt(squares / n - mean * mean);
        // 224 draws of N(1, 0.01^2): the mean's standard error is 0.0007, the std's about 0.0005.
        assertEquals(1.0, mean, 0.004);
        assertEquals(0.01, std, 0.003);
    }

    @Test
    void probabilitiesAreTheSoftmaxOfEachEdge() {
        EdgeOpMatrix logits = EdgeOpMatrix.zeros().with(4, 1, Math.log(2));
        ArchitectureDistribution d = ArchitectureDistribution.of(new CellPair<>(logits, EdgeOpMatrix.filled(3.0)));
        assertEquals(2.0 / 9, d.probabilities().normal().get(4, 1), 1e-15);
        assertEquals(1.0 / 9, d.probabilities().normal().get(4, 0), 1e-15);
        assertEquals(1.0 / 8, d.probabilities().normal().get(0, 7), 1e-15);
        assertEquals(1.0 / 8, d.probabilities().reduction().get(13, 3), 1e-15);
    }

    @Test
    void softSamplesAreReproducibleAndLieOnTheSimplex() {
        ArchitectureDistribution d = ArchitectureDistribution.of(Matrices.uniform(1, -2, 2));
        ConcreteSample s = d.sample(0.5, new SplittableRandom(42));
        assertEquals(s, d.sample(0.5, new SplittableRandom(42)));
        assertNotEquals(s.z(), d.sample(0.5, new SplittableRandom(43)).z());
        assertEquals(s.z(), s.soft());
        for (CellKind kind : CellKind.values()) {
            for (int e = 0; e < EDGES; e++) {
                double rowSum = 0;
                for (double v : s.z().get(kind).row(e)) {
                    assertTrue(v >= 0 && v <= 1);
                    rowSum += v;
                }
                assertEquals(1.0, rowSum, 1e-12);
            }
        }
    }

    @Test
    void softSampleIsTheTemperedSoftmaxOfLogitsPlusNoise() {
        ArchitectureDistribution d = ArchitectureDistribution.of(Matrices.uniform(2, -1, 1));
        CellPair<EdgeOpMatrix> noise = ArchitectureDistribution.gumbelNoise(new SplittableRandom(5));
        double tau = 0.3;
        ConcreteSample s = d.sampleFromNoise(noise, tau, false);
        double[] a = d.logits().reduction().row(6);
        double[] g = noise.reduction().row(6);
        double denominator = 0;
        for (int k = 0; k < OPS; k++) {
            denominator += Math.exp((a[k] + g[k]) / tau);
        }
        for (int k = 0; k < OPS; k++) {
            assertEquals(Math.exp((a[k] + g[k]) / tau) / denominator, s.soft().reduction().get(6, k), 1e-12);
        }
    }

    @Test
    void hardSampleIsTheOneHotArgmaxOfTheSameSoftSample() {
        ArchitectureDistribution d = ArchitectureDistribution.of(Matrices.uniform(3, -2, 2));
        ConcreteSample soft = d.sample(0.7, new SplittableRandom(9));
        ConcreteSample hard = d.sampleHard(0.7, new SplittableRandom(9));
        assertTrue(hard.hard());
        assertEquals(soft.soft(), hard.soft());
        for (CellKind kind : CellKind.values()) {
            for (int e = 0; e < EDGES; e++) {
                int argmax = soft.soft().get(kind).argmax(e);
                for (int k = 0; k < OPS; k++) {
                    assertEquals(k == argmax ? 1.0 : 0.0, hard.z().get(kind).get(e, k));
                }
            }
        }
    }

    @Test
    void argmaxFrequenciesMatchSoftmaxOfTheLogits() {
        // Gumbel-max: argmax(alpha + G) ~ Categorical(softmax(alpha)) at any temperature.
        ArchitectureDistribution d = ArchitectureDistribution.of(Matrices.uniform(4, -2, 2));
        SplittableRandom rng = new SplittableRandom(2024);
        int samples = 20_000;
        CellPair<double[]> counts = CellPair.of(kind -> new double[EDGES * OPS]);
        for (int i = 0; i < samples; i++) {
            ConcreteSample s = d.sampleHard(0.5, rng);
            for (CellKind kind : CellKind.values()) {
                double[] z = s.z().get(kind).toRowMajor();
                double[] c = counts.get(kind);
                for (int j = 0; j < z.length; j++) {
                    c[j] += z[j];
                }
            }
        }
        for (CellKind kind : CellKind.values()) {
            double[] p = d.probabilities().get(kind).toRowMajor();
            for (int j = 0; j < p.length; j++) {
                double frequency = counts.get(kind)[j] / samples;
                double standardError = Math.sqrt(p[j] * (1 - p[j]) / samples);
                assertEquals(p[j], frequency, 5 * standardError, kind.id() + " entry " + j);
            }
        }
    }

    @Test
    void logDensityEqualsTheConcreteDensityInProductForm() {
        ArchitectureDistribution d = ArchitectureDistribution.of(Matrices.uniform(5, -1, 1));
        double tau = 0.8;
        CellPair<EdgeOpMatrix> z = d.sample(tau, new SplittableRandom(11)).soft();
        // Maddison et al.: p(x) = (n-1)! tau^(n-1) prod_k [exp(a_k) x_k^(-tau-1) / sum_i exp(a_i) x_i^(-tau)].
        double expected = 0;
        for (CellKind kind : CellKind.values()) {
            for (int e = 0; e < EDGES; e++) {
                double[] a = d.logits().get(kind).row(e);
                double[] x = z.get(kind).row(e);
                double denominator = 0;
                for (int i = 0; i < OPS; i++) {
                    denominator += Math.exp(a[i]) * Math.pow(x[i], -tau);
                }
                double density = 5040 * Math.pow(tau, OPS - 1);
                for (int k = 0; k < OPS; k++) {
                    density *= Math.exp(a[k]) * Math.pow(x[k], -tau - 1) / denominator;
                }
                expected += Math.log(density);
            }
        }
        assertEquals(expected, d.logDensity(z, tau), 1e-9 * Math.abs(expected));
    }

    @Test
    void logDensityIgnoresACommonShiftOfAnEdgesLogits() {
        CellPair<EdgeOpMatrix> logits = Matrices.uniform(6, -1, 1);
        ArchitectureDistribution d = ArchitectureDistribution.of(logits);
        EdgeOpMatrix shifted = logits.normal();
        for (int k = 0; k < OPS; k++) {
            shifted = shifted.with(3, k, shifted.get(3, k) + 2.5);
        }
        CellPair<EdgeOpMatrix> z = d.sample(0.6, new SplittableRandom(1)).soft();
        assertEquals(d.logDensity(z, 0.6), d.withLogits(new CellPair<>(shifted, logits.reduction())).logDensity(z, 0.6), 1e-9);
    }

    @Test
    void logDensityGradientMatchesFiniteDifferences() {
        CellPair<EdgeOpMatrix> logits = Matrices.uniform(7, -1.5, 1.5);
        double tau = 0.4;
        ArchitectureDistribution d = ArchitectureDistribution.of(logits);
        // z from another distribution, so the gradient is not evaluated at its own sampling point only.
        CellPair<EdgeOpMatrix> z = ArchitectureDistribution.of(Matrices.uniform(8, -1, 1)).sample(tau, new SplittableRandom(3)).soft();
        CellPair<EdgeOpMatrix> numeric = Matrices.numericGradient(a -> ArchitectureDistribution.of(a).logDensity(z, tau), logits, 1e-5);
        Matrices.assertClose(numeric, d.logDensityGradient(z, tau), 1e-6, 1e-7);
    }

    @Test
    void scoreHasZeroMeanUnderTheDistribution() {
        // E_p[d log p(Z) / d alpha] = d/d alpha of the integral of p = 0: fails if the density is not normalised in alpha.
        ArchitectureDistribution d = ArchitectureDistribution.of(Matrices.uniform(9, -1.5, 1.5));
        double tau = 0.7;
        SplittableRandom rng = new SplittableRandom(77);
        int samples = 10_000;
        double[] sum = new double[2 * EDGES * OPS];
        double[] squares = new double[sum.length];
        for (int i = 0; i < samples; i++) {
            CellPair<EdgeOpMatrix> score = d.logDensityGradient(d.sample(tau, rng).soft(), tau);
            accumulate(score, sum, squares);
        }
        for (int j = 0; j < sum.length; j++) {
            double mean = sum[j] / samples;
            double standardError = Math.sqrt((squares[j] / samples - mean * mean) / samples);
            // Small enough to expose a mis-normalised density, whose score would be off by O(0.1) or more.
            assertTrue(standardError < 0.03, "standard error " + standardError);
            assertEquals(0.0, mean, 5 * standardError, "score entry " + j);
        }
    }

    @Test
    void entropyIsLogEightWhenUniformAndLowerWhenPeaked() {
        assertEquals(Math.log(8), ArchitectureDistribution.of(CellPair.of(k -> EdgeOpMatrix.filled(0.3))).entropy(), 1e-12);
        // One edge with p = (1/2, 1/14 x 7): H = ln(2)/2 + ln(14)/2; the other 27 edges are uniform.
        EdgeOpMatrix peaked = EdgeOpMatrix.zeros().with(0, 0, Math.log(7));
        double edgeEntropy = 0.5 * Math.log(2) + 0.5 * Math.log(14);
        double expected = (27 * Math.log(8) + edgeEntropy) / 28;
        assertEquals(expected, ArchitectureDistribution.of(new CellPair<>(peaked, EdgeOpMatrix.zeros())).entropy(), 1e-12);
    }

    @Test
    void rejectsNonPositiveTemperaturesAndNonFiniteLogits() {
        ArchitectureDistribution d = ArchitectureDistribution.initial(1);
        assertThrows(IllegalArgumentException.class, () -> d.sample(0, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> d.logDensity(d.probabilities(), -1));
        CellPair<EdgeOpMatrix> infinite = CellPair.of(k -> EdgeOpMatrix.zeros().map(x -> Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> ArchitectureDistribution.of(infinite));
    }

    private static void accumulate(CellPair<EdgeOpMatrix> m, double[] sum, double[] squares) {
        double[] n = m.normal().toRowMajor();
        double[] r = m.reduction().toRowMajor();
        for (int j = 0; j < n.length; j++) {
            sum[j] += n[j];
            squares[j] += n[j] * n[j];
            sum[n.length + j] += r[j];
            squares[n.length + j] += r[j] * r[j];
        }
    }
}
