package org.snas4j.domain.cost;

/**
 * The three resource costs SNAS attaches to an operation on an edge, or to any weighted sum of
 * them (an edge under a sample, a cell, a whole network).
 *
 * @param parameters trainable parameters ("size")
 * @param flops      floating-point operations of one forward pass of one image
 * @param mac        memory access cost
 */
public record OperationCost(double parameters, double flops, double mac) {

    public static final OperationCost ZERO = new OperationCost(0, 0, 0);

    /** The authors' weights of the linear combined cost. */
    private static final double COMBINED_SCALE = 0.43;
    private static final double PARAMETER_WEIGHT = 2.0;
    private static final double FLOPS_DIVISOR = 4000.0;
    private static final double MAC_DIVISOR = 100.0;

    public OperationCost {
        if (!Double.isFinite(parameters) || !Double.isFinite(flops) || !Double.isFinite(mac)) {
            throw new IllegalArgumentException("costs must be finite, got (" + parameters + ", " + flops + ", " + mac + ")");
        }
    }

    public OperationCost plus(OperationCost other) {
        return new OperationCost(parameters + other.parameters, flops + other.flops, mac + other.mac);
    }

    public OperationCost scale(double factor) {
        return new OperationCost(parameters * factor, flops * factor, mac * factor);
    }

    /** The authors' combined cost 0.43 * (2 * size + flops / 4000 + mac / 100). Linear, so it commutes with sums. */
    public double combined() {
        return COMBINED_SCALE * (PARAMETER_WEIGHT * parameters + flops / FLOPS_DIVISOR + mac / MAC_DIVISOR);
    }

    /**
     * The authors' log form (log size + log flops + log mac) / 3, each cost clamped to at least 1
     * first (so an edge that is all none costs 0). Meant for one edge's weighted sum: it is not
     * additive over edges.
     */
    public double logCombined() {
        return (clampedLog(parameters) + clampedLog(flops) + clampedLog(mac)) / 3.0;
    }

    /** log(max(x, 1)): the authors' clamp keeps the log of a near-empty edge at 0 rather than negative. */
    static double clampedLog(double x) {
        return Math.log(Math.max(x, 1.0));
    }
}
