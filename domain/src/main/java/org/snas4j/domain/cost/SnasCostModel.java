package org.snas4j.domain.cost;

import java.util.Objects;
import org.snas4j.domain.space.EdgeShape;
import org.snas4j.domain.space.Operation;

/**
 * The SNAS cost table (SNAS.md, "The resource constraint"), as functions of the edge's channels
 * C, stride and OUTPUT spatial size h, with k the kernel size:
 * <pre>
 * op                    parameters (size)   FLOPs          MAC
 * sep_conv_k            2Ck^2 + 2C^2        size * h^2     s1: h^2 (7C + C) + size,  s2: h^2 (10C + C) + size
 * dil_conv_k            Ck^2 + C^2          size * h^2     s1: h^2 (3C + C) + size,  s2: h^2 (6C + C) + size
 * max/avg pool          0                   9 h^2 C        s1: 2 h^2 C,              s2: 5 h^2 C
 * skip (identity)       0                   0              2 C h^2
 * skip (FactorizedRed.) C^2                 size * h^2     2 h^2 (4C + C/2) + size
 * none                  0                   0              0
 * </pre>
 * Pools cost no parameters here, as the table says, although the search net follows them with a
 * (non-affine) BN. C/2 is a real division.
 */
public final class SnasCostModel implements CostModel {

    @Override
    public OperationCost cost(Operation op, EdgeShape edge) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(edge, "edge");
        double c = edge.channels();
        double area = (double) edge.outputSize() * edge.outputSize();
        boolean reducing = edge.isReducing();
        double k2 = (double) op.kernelSize() * op.kernelSize();
        return switch (op) {
            case NONE -> OperationCost.ZERO;
            case MAX_POOL_3X3, AVG_POOL_3X3 -> new OperationCost(0, 9 * area * c, (reducing ? 5 : 2) * area * c);
            case SKIP_CONNECT -> reducing
                    ? withSize(c * c, area, 2 * area * (4 * c + c / 2))
                    : new OperationCost(0, 0, 2 * c * area);
            case SEP_CONV_3X3, SEP_CONV_5X5 -> withSize(2 * c * k2 + 2 * c * c, area, area * ((reducing ? 10 : 7) * c + c));
            case DIL_CONV_3X3, DIL_CONV_5X5 -> withSize(c * k2 + c * c, area, area * ((reducing ? 6 : 3) * c + c));
        };
    }

    /** Ops with weights: FLOPs = size * h^2, and MAC adds the weights once to the activation traffic. */
    private static OperationCost withSize(double size, double area, double activationMac) {
        return new OperationCost(size, size * area, activationMac + size);
    }

    @Override
    public String toString() {
        return "SnasCostModel";
    }
}
