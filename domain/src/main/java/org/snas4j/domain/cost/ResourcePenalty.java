package org.snas4j.domain.cost;

import java.util.Objects;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellShape;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.Operation;

/**
 * SNAS' resource constraint as a function of the op weights of the two cell kinds (a sample Z,
 * or the probabilities):
 * lambda * (sum over normal cells / #normal + ratio * sum over reduction cells / #reduction) of
 * per-edge costs, where an edge's cost is sum_k w_k cost_k of the chosen metric (linear form) or
 * the SNAS log form of that weighted sum ({@link CostMetric#logOf}). With 6 normal and 2
 * reduction cells this is the authors' "/ 6" and "/ 2"; at other depths the authors still divide
 * by 6 and 2, we by the actual counts, so a lambda means the same per cell at any depth (and
 * lambdas are not comparable with the authors' at depths other than 8). A kind with no cell
 * contributes 0.
 */
public final class ResourcePenalty {

    private static final int OPS = Operation.COUNT;

    private final NetworkCost cost;
    private final CostMetric metric;
    private final CostForm form;
    private final double lambda;
    private final double reductionRatio;
    /** lambda * (1 or ratio) / #cells of the kind, per kind. */
    private final CellPair<Double> kindScale;

    public ResourcePenalty(NetworkCost cost, CostMetric metric, CostForm form, double lambda, double reductionRatio) {
        this.cost = Objects.requireNonNull(cost, "cost");
        this.metric = Objects.requireNonNull(metric, "metric");
        if (!Double.isFinite(lambda) || lambda < 0) {
            throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
        }
        if (!Double.isFinite(reductionRatio) || reductionRatio < 0) {
            throw new IllegalArgumentException("reduction ratio must be a finite number >= 0, got " + reductionRatio);
        }
        this.form = Objects.requireNonNull(form, "form");
        this.lambda = lambda;
        this.reductionRatio = reductionRatio;
        this.kindScale = CellPair.of(kind -> {
            long cells = cost.layout().count(kind);
            double weight = kind == CellKind.NORMAL ? 1.0 : reductionRatio;
            return cells == 0 ? 0.0 : lambda * weight / cells;
        });
    }

    public NetworkCost cost() {
        return cost;
    }

    public CostMetric metric() {
        return metric;
    }

    public CostForm form() {
        return form;
    }

    public double lambda() {
        return lambda;
    }

    public double reductionRatio() {
        return reductionRatio;
    }

    /** The same penalty with another lambda (e.g. a {@link ConstraintLevel}'s). */
    public ResourcePenalty withLambda(double newLambda) {
        return new ResourcePenalty(cost, metric, form, newLambda, reductionRatio);
    }

    /** The penalty under op weights {@code weights} (normal and reduction matrices). */
    public double value(CellPair<EdgeOpMatrix> weights) {
        CellPair<double[]> shares = edgeShares(weights);
        double total = 0;
        for (CellKind kind : CellKind.values()) {
            for (double share : shares.get(kind)) {
                total += share;
            }
        }
        return total;
    }

    /**
     * The penalty split by edge: entry e of a kind's array is what edge e of that kind adds, summed
     * over every cell of the kind (their edges share one Z). The entries add up to {@link #value}.
     * This is the local decomposition the authors' score-function estimator credits each edge with.
     */
    public CellPair<double[]> edgeShares(CellPair<EdgeOpMatrix> weights) {
        double[][] shares = {new double[CellTopology.EDGES], new double[CellTopology.EDGES]};
        for (CellShape cell : cost.layout().cells()) {
            EdgeOpMatrix w = weights.get(cell.kind());
            double scale = kindScale.get(cell.kind());
            double[] kindShares = shares[cell.kind().ordinal()];
            for (int e = 0; e < CellTopology.EDGES; e++) {
                OperationCost edge = cost.edgeCost(cell.index(), e, w.row(e));
                kindShares[e] += scale * (form == CostForm.LOG ? metric.logOf(edge) : metric.of(edge));
            }
        }
        return CellPair.of(kind -> shares[kind.ordinal()]);
    }

    /** The exact gradient of {@link #value} with respect to every weight (0 where a log's clamp is active). */
    public CellPair<EdgeOpMatrix> gradient(CellPair<EdgeOpMatrix> weights) {
        double[][] grad = {new double[EdgeOpMatrix.ROWS * OPS], new double[EdgeOpMatrix.ROWS * OPS]};
        for (CellShape cell : cost.layout().cells()) {
            double scale = kindScale.get(cell.kind());
            EdgeOpMatrix w = weights.get(cell.kind());
            double[] g = grad[cell.kind().ordinal()];
            for (int e = 0; e < CellTopology.EDGES; e++) {
                OperationCost edge = form == CostForm.LOG ? cost.edgeCost(cell.index(), e, w.row(e)) : null;
                for (Operation op : Operation.all()) {
                    OperationCost opCost = cost.cost(cell.index(), e, op);
                    double slope = form == CostForm.LOG ? logSlope(edge, opCost) : metric.of(opCost);
                    g[e * OPS + op.ordinal()] += scale * slope;
                }
            }
        }
        return CellPair.of(kind -> EdgeOpMatrix.ofComputed(grad[kind.ordinal()]));
    }

    /** d logOf(sum_k w_k c_k) / d w_j for the op whose cost is {@code opCost}. */
    private double logSlope(OperationCost edge, OperationCost opCost) {
        if (metric == CostMetric.COMBINED) {
            return (clampedLogSlope(edge.parameters(), opCost.parameters())
                    + clampedLogSlope(edge.flops(), opCost.flops())
                    + clampedLogSlope(edge.mac(), opCost.mac())) / 3.0;
        }
        return clampedLogSlope(metric.of(edge), metric.of(opCost));
    }

    /** d log(max(total, 1)) / d w where d total / d w = part: part / total above the clamp, 0 below it. */
    private static double clampedLogSlope(double total, double part) {
        return total >= 1.0 ? part / total : 0.0;
    }

    @Override
    public String toString() {
        return "ResourcePenalty[" + metric.id() + ", " + form.id() + ", lambda=" + lambda
                + ", reductionRatio=" + reductionRatio + "]";
    }
}
