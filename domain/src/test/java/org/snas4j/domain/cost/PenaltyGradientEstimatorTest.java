package org.snas4j.domain.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.distribution.ConcreteSample;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.testing.Matrices;

class PenaltyGradientEstimatorTest {

    private static final NetworkCost SEARCH = NetworkCost.of(NetworkShape.paperSearch(), new SnasCostModel());
    private static final ResourcePenalty LOG_COMBINED = new ResourcePenalty(SEARCH, CostMetric.COMBINED, CostForm.LOG, 1e-2, 1.0);
    private static final CellPair<EdgeOpMatrix> LOGITS = Matrices.uniform(21, -1, 1);

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 0.3})
    void reparametrisationIsTheGradientOfThePenaltyThroughZWithFixedNoise(double tau) {
        CellPair<EdgeOpMatrix> noise = ArchitectureDistribution.gumbelNoise(new SplittableRandom(22));
        ArchitectureDistribution d = ArchitectureDistribution.of(LOGITS);
        ConcreteSample sample = d.sampleFromNoise(noise, tau, false);
        PenaltyEstimate estimate = GradientEstimator.REPARAMETRISATION.create().estimate(d, sample, LOG_COMBINED);
        assertEquals(LOG_COMBINED.value(sample.z()), estimate.value());
        CellPair<EdgeOpMatrix> numeric = Matrices.numericGradient(
                a -> LOG_COMBINED.value(ArchitectureDistribution.of(a).sampleFromNoise(noise, tau, false).z()), LOGITS, 1e-6);
        Matrices.assertClose(numeric, estimate.logitGradient(), 1e-5, 1e-8);
    }

    @Test
    void expectationIsTheGradientOfThePenaltyOfTheProbabilities() {
        ArchitectureDistribution d = ArchitectureDistribution.of(LOGITS);
        PenaltyEstimate estimate = GradientEstimator.EXPECTATION.create().estimate(d, null, LOG_COMBINED);
        assertEquals(LOG_COMBINED.value(d.probabilities()), estimate.value());
        CellPair<EdgeOpMatrix> numeric = Matrices.numericGradient(
                a -> LOG_COMBINED.value(ArchitectureDistribution.of(a).probabilities()), LOGITS, 1e-6);
        Matrices.assertClose(numeric, estimate.logitGradient(), 1e-5, 1e-8);
    }

    @Test
    void expectationOfTheLinearPenaltyIsTheExactGradientOfTheExpectedCost() {
        ResourcePenalty parameters = new ResourcePenalty(SEARCH, CostMetric.PARAMETERS, CostForm.LINEAR, 1.0, 1.0);
        PenaltyEstimate estimate = GradientEstimator.EXPECTATION.create().estimate(ArchitectureDistribution.of(LOGITS), null, parameters);
        // Linear penalty at p = lambda * (normal cells / 6 + reduction cells / 2) of E[parameters] per cell.
        CellPair<EdgeOpMatrix> numeric = Matrices.numericGradient(a -> {
            ArchitectureDistribution d = ArchitectureDistribution.of(a);
            return parameters.value(d.probabilities());
        }, LOGITS, 1e-6);
        Matrices.assertClose(numeric, estimate.logitGradient(), 1e-5, 1e-6);
    }

    /**
     * A test cost model with costs centred on zero (op ordinal - 3.5 parameters). The score-function
     * estimator has no baseline, so its variance grows with the penalty's size; centred costs keep
     * the penalty small and let a few thousand samples give a test with real power.
     */
    private static final NetworkCost CENTRED = NetworkCost.of(NetworkCostTest.ONE_REDUCTION_CELL,
            (op, edge) -> new OperationCost(op.ordinal() - 3.5, 0, 0));
    private static final ResourcePenalty CENTRED_PENALTY = new ResourcePenalty(CENTRED, CostMetric.PARAMETERS, CostForm.LINEAR, 1e-2, 1.0);
    private static final int SAMPLES = 5_000;

    @Test
    void scoreFunctionMeanMatchesTheReparametrisationMeanOverTheSameSoftSamples() {
        // Both estimate d E_Z[penalty(Z)] / d alpha for soft Concrete samples (at tau > 0 that is NOT the
        // gradient at softmax(alpha)), so over the same samples their means agree within sampling error.
        ArchitectureDistribution d = ArchitectureDistribution.of(LOGITS);
        PenaltyGradientEstimator score = GradientEstimator.SCORE_FUNCTION.create();
        PenaltyGradientEstimator pathwise = GradientEstimator.REPARAMETRISATION.create();
        SplittableRandom rng = new SplittableRandom(23);
        Moments difference = new Moments();
        Moments pathwiseMean = new Moments();
        for (int i = 0; i < SAMPLES; i++) {
            ConcreteSample sample = d.sample(1.0, rng);
            CellPair<EdgeOpMatrix> p = pathwise.estimate(d, sample, CENTRED_PENALTY).logitGradient();
            difference.add(score.estimate(d, sample, CENTRED_PENALTY).logitGradient().zip(p, EdgeOpMatrix::minus));
            pathwiseMean.add(p);
        }
        difference.assertMeanZeroWithPower(pathwiseMean.mean());
    }

    @Test
    void scoreFunctionOnHardSamplesIsUnbiasedForTheExactGradientOfTheExpectedDiscreteCost() {
        // With one-hot samples the score function estimates d E_categorical[penalty] / d alpha, which for a
        // linear penalty is exactly the gradient at softmax(alpha): the expectation estimator's.
        ArchitectureDistribution d = ArchitectureDistribution.of(LOGITS);
        CellPair<EdgeOpMatrix> exact = GradientEstimator.EXPECTATION.create().estimate(d, null, CENTRED_PENALTY).logitGradient();
        PenaltyGradientEstimator score = GradientEstimator.SCORE_FUNCTION.create();
        errorsOnHardSamples(d, exact, 25, sample -> score.estimate(d, sample, CENTRED_PENALTY).logitGradient()).assertMeanZeroWithPower(exact);
    }

    @Test
    void scoreFunctionChargesTheSampleAndCreditsEachEdgeWithItsOwnShare() {
        ArchitectureDistribution d = ArchitectureDistribution.of(LOGITS);
        ConcreteSample sample = d.sample(0.5, new SplittableRandom(24));
        PenaltyEstimate estimate = GradientEstimator.SCORE_FUNCTION.create().estimate(d, sample, LOG_COMBINED);
        assertEquals(LOG_COMBINED.value(sample.z()), estimate.value(), 1e-12);
        CellPair<EdgeOpMatrix> scores = d.logDensityGradient(sample.soft(), 0.5);
        CellPair<double[]> shares = LOG_COMBINED.edgeShares(sample.z());
        for (CellKind kind : CellKind.values()) {
            for (int e = 0; e < EdgeOpMatrix.ROWS; e++) {
                for (int k = 0; k < EdgeOpMatrix.COLUMNS; k++) {
                    assertEquals(scores.get(kind).get(e, k) * shares.get(kind)[e], estimate.logitGradient().get(kind).get(e, k), 1e-15);
                }
            }
        }
    }

    @Test
    void edgeSharesAddUpToThePenalty() {
        ConcreteSample sample = ArchitectureDistribution.of(LOGITS).sample(0.7, new SplittableRandom(26));
        for (ResourcePenalty penalty : List.of(LOG_COMBINED, CENTRED_PENALTY.withLambda(3.0))) {
            CellPair<double[]> shares = penalty.edgeShares(sample.z());
            double total = Arrays.stream(shares.normal()).sum() + Arrays.stream(shares.reduction()).sum();
            assertEquals(penalty.value(sample.z()), total, 1e-12);
        }
    }

    @Test
    void localCreditHasLowerVarianceThanTheWholePenaltyWithTheSameMean() {
        // The old estimator weighted every edge's score by the whole network's penalty. Both are unbiased
        // for d E[penalty] / d alpha on hard samples, so their means agree; the local one is far less noisy.
        ArchitectureDistribution d = ArchitectureDistribution.of(LOGITS);
        CellPair<EdgeOpMatrix> exact = GradientEstimator.EXPECTATION.create().estimate(d, null, CENTRED_PENALTY).logitGradient();
        PenaltyGradientEstimator local = GradientEstimator.SCORE_FUNCTION.create();
        // The same seed: both see the same samples.
        Moments localError = errorsOnHardSamples(d, exact, 27, sample -> local.estimate(d, sample, CENTRED_PENALTY).logitGradient());
        Moments globalError = errorsOnHardSamples(d, exact, 27,
                sample -> d.logDensityGradient(sample.soft(), 0.5).map(m -> m.scale(CENTRED_PENALTY.value(sample.z()))));
        localError.assertMeanZeroWithPower(exact);
        double localVariance = localError.totalVariance();
        double globalVariance = globalError.totalVariance();
        assertTrue(localVariance < 0.5 * globalVariance,
                "local credit variance " + localVariance + " should be well below the whole-penalty variance " + globalVariance);
    }

    @Test
    void idsRoundTripAndAcceptTheAuthorsNames() {
        for (GradientEstimator e : GradientEstimator.values()) {
            assertEquals(e, GradientEstimator.fromId(e.id()));
        }
        assertEquals(GradientEstimator.SCORE_FUNCTION, GradientEstimator.fromId("score-function"));
        assertEquals(GradientEstimator.REPARAMETRISATION, GradientEstimator.fromId("reparametrization"));
        assertEquals(GradientEstimator.EXPECTATION, GradientEstimator.fromId("discrete"));
        assertEquals(GradientEstimator.SCORE_FUNCTION, GradientEstimator.fromId("policy_gradient"));
        assertThrows(IllegalArgumentException.class, () -> GradientEstimator.fromId("reinforce"));
    }

    /** {@code estimate} minus {@code exact} over {@link #SAMPLES} hard samples of {@code d} at tau 0.5, drawn from {@code seed}. */
    private static Moments errorsOnHardSamples(ArchitectureDistribution d, CellPair<EdgeOpMatrix> exact, long seed,
                                               Function<ConcreteSample, CellPair<EdgeOpMatrix>> estimate) {
        SplittableRandom rng = new SplittableRandom(seed);
        Moments errors = new Moments();
        for (int i = 0; i < SAMPLES; i++) {
            errors.add(estimate.apply(d.sampleHard(0.5, rng)).zip(exact, EdgeOpMatrix::minus));
        }
        return errors;
    }

    /** Sample means and standard errors of gradient estimates, entry by entry and projected on a direction. */
    private static final class Moments {
        private final double[] sum = new double[2 * EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS];
        private final double[] squares = new double[sum.length];
        private final List<CellPair<EdgeOpMatrix>> draws = new ArrayList<>();

        void add(CellPair<EdgeOpMatrix> x) {
            double[] v = concat(x);
            for (int j = 0; j < v.length; j++) {
                sum[j] += v[j];
                squares[j] += v[j] * v[j];
            }
            draws.add(x);
        }

        /** Sum over entries of the sample variance. */
        double totalVariance() {
            int n = draws.size();
            double total = 0;
            for (int j = 0; j < sum.length; j++) {
                double mean = sum[j] / n;
                total += squares[j] / n - mean * mean;
            }
            return total;
        }

        CellPair<EdgeOpMatrix> mean() {
            double[] m = sum.clone();
            int half = m.length / 2;
            for (int j = 0; j < m.length; j++) {
                m[j] /= draws.size();
            }
            return new CellPair<>(EdgeOpMatrix.ofRowMajor(Arrays.copyOfRange(m, 0, half)),
                    EdgeOpMatrix.ofRowMajor(Arrays.copyOfRange(m, half, m.length)));
        }

        /**
         * Every entry's mean within 5 standard errors of 0; and, projected on {@code signal} (the
         * gradient being estimated), a mean within 5 standard errors of 0 while that standard error
         * is under a tenth of the projected signal, so the test could tell a biased estimator apart.
         */
        void assertMeanZeroWithPower(CellPair<EdgeOpMatrix> signal) {
            int n = draws.size();
            for (int j = 0; j < sum.length; j++) {
                double mean = sum[j] / n;
                double standardError = Math.sqrt(Math.max(0, squares[j] / n - mean * mean) / n);
                assertEquals(0.0, mean, 5 * standardError, "entry " + j);
            }
            double projectedSum = 0;
            double projectedSquares = 0;
            for (CellPair<EdgeOpMatrix> x : draws) {
                double p = dot(x, signal);
                projectedSum += p;
                projectedSquares += p * p;
            }
            double mean = projectedSum / n;
            double standardError = Math.sqrt((projectedSquares / n - mean * mean) / n);
            double projectedSignal = dot(signal, signal);
            assertTrue(standardError < 0.1 * projectedSignal, "too noisy to compare: SE " + standardError + " vs signal " + projectedSignal);
            assertEquals(0.0, mean, 5 * standardError, "projected difference");
        }
    }

    private static double[] concat(CellPair<EdgeOpMatrix> m) {
        double[] n = m.normal().toRowMajor();
        double[] r = m.reduction().toRowMajor();
        double[] all = new double[n.length + r.length];
        System.arraycopy(n, 0, all, 0, n.length);
        System.arraycopy(r, 0, all, n.length, r.length);
        return all;
    }

    private static double dot(CellPair<EdgeOpMatrix> a, CellPair<EdgeOpMatrix> b) {
        return a.normal().dot(b.normal()) + a.reduction().dot(b.reduction());
    }
}
