package org.snas4j.domain.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.distribution.ConcreteSample;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.testing.Matrices;

class SearchGradientTest {

    /** A smooth test loss of Z: sum of w * sin(3 Z) plus the square of a weighted sum. */
    private static final CellPair<EdgeOpMatrix> W = Matrices.uniform(100, -1, 1);
    private static final CellPair<EdgeOpMatrix> V = Matrices.uniform(101, -1, 1);

    private static double loss(CellPair<EdgeOpMatrix> z) {
        double sines = W.normal().dot(z.normal().map(x -> Math.sin(3 * x))) + W.reduction().dot(z.reduction().map(x -> Math.sin(3 * x)));
        double weighted = V.normal().dot(z.normal()) + V.reduction().dot(z.reduction());
        return sines + weighted * weighted;
    }

    private static CellPair<EdgeOpMatrix> lossGradient(CellPair<EdgeOpMatrix> z) {
        double weighted = V.normal().dot(z.normal()) + V.reduction().dot(z.reduction());
        return W.zip(z, (w, zk) -> w.times(zk.map(x -> 3 * Math.cos(3 * x))))
                .zip(V, (g, v) -> g.plus(v.scale(2 * weighted)));
    }

    @Test
    void logitGradientMatchesFiniteDifferencesOfTheLossThroughZ() {
        CellPair<EdgeOpMatrix> logits = Matrices.uniform(102, -1, 1);
        CellPair<EdgeOpMatrix> noise = ArchitectureDistribution.gumbelNoise(new SplittableRandom(103));
        for (double tau : new double[] {1.0, 0.4}) {
            ConcreteSample sample = ArchitectureDistribution.of(logits).sampleFromNoise(noise, tau, false);
            CellPair<EdgeOpMatrix> analytic = SearchGradient.logitGradient(sample, lossGradient(sample.z()));
            CellPair<EdgeOpMatrix> numeric = Matrices.numericGradient(
                    a -> loss(ArchitectureDistribution.of(a).sampleFromNoise(noise, tau, false).z()), logits, 1e-6);
            Matrices.assertClose(numeric, analytic, 1e-5, 1e-7);
        }
    }

    @Test
    void gradientOfEachEdgeSumsToZeroBecauseSoftmaxIgnoresACommonShift() {
        ConcreteSample sample = ArchitectureDistribution.of(Matrices.uniform(104, -1, 1)).sample(0.5, new SplittableRandom(1));
        CellPair<EdgeOpMatrix> g = SearchGradient.logitGradient(sample, lossGradient(sample.z()));
        for (int e = 0; e < EdgeOpMatrix.ROWS; e++) {
            double rowSum = 0;
            for (double v : g.normal().row(e)) {
                rowSum += v;
            }
            assertEquals(0.0, rowSum, 1e-12);
        }
    }

    @Test
    void hardSampleUsesTheSoftJacobianStraightThrough() {
        ArchitectureDistribution d = ArchitectureDistribution.of(Matrices.uniform(105, -1, 1));
        ConcreteSample hard = d.sampleHard(0.5, new SplittableRandom(2));
        ConcreteSample soft = d.sample(0.5, new SplittableRandom(2));
        CellPair<EdgeOpMatrix> upstream = lossGradient(hard.z());
        assertEquals(SearchGradient.logitGradient(soft, upstream), SearchGradient.logitGradient(hard, upstream));
    }
}
