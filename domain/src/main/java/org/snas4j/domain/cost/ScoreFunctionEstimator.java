package org.snas4j.domain.cost;

import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.distribution.ConcreteSample;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * The authors' "policy gradient" with the paper's local credit: each edge's score
 * d log p(Z_e) / d alpha_e is weighted by that edge's own share of the detached penalty
 * ({@link ResourcePenalty#edgeShares}), not by the whole network's penalty. Because the penalty is a
 * sum over edges and Z_e depends on alpha_e alone, the other edges' shares add only noise to edge
 * e's estimate: dropping them keeps the estimator unbiased and removes the variance that grows with
 * the number of edges. The log-density is taken at the relaxed sample, the penalty at what the
 * network was fed (for a hard sample, its one-hot).
 */
final class ScoreFunctionEstimator implements PenaltyGradientEstimator {

    @Override
    public PenaltyEstimate estimate(ArchitectureDistribution distribution, ConcreteSample sample, ResourcePenalty penalty) {
        CellPair<double[]> shares = penalty.edgeShares(sample.z());
        CellPair<EdgeOpMatrix> scores = distribution.logDensityGradient(sample.soft(), sample.temperature());
        double value = 0;
        for (double[] kindShares : new double[][] {shares.normal(), shares.reduction()}) {
            for (double share : kindShares) {
                value += share;
            }
        }
        CellPair<EdgeOpMatrix> gradient = CellPair.of(kind -> creditPerEdge(scores.get(kind), shares.get(kind)));
        return new PenaltyEstimate(value, gradient);
    }

    /** Row e of {@code scores} times {@code shares[e]}. */
    static EdgeOpMatrix creditPerEdge(EdgeOpMatrix scores, double[] shares) {
        double[] v = scores.toRowMajor();
        for (int e = 0; e < EdgeOpMatrix.ROWS; e++) {
            for (int k = 0; k < EdgeOpMatrix.COLUMNS; k++) {
                v[e * EdgeOpMatrix.COLUMNS + k] *= shares[e];
            }
        }
        return EdgeOpMatrix.ofComputed(v);
    }
}
