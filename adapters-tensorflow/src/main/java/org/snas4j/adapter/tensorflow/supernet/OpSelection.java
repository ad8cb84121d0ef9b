package org.snas4j.adapter.tensorflow.supernet;

import java.util.Objects;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.Operation;

/**
 * Which candidate operations of each mixed edge a supernet pass builds. A derived child's Z (every entry 0 or
 * 1) weights all but its chosen op per edge by exactly 0, and those terms add exactly 0: a pass built of the
 * chosen ops alone computes the same child, up to the order of its sums, at a fraction of the supernet's cost.
 */
public final class OpSelection {

    /** Every candidate of every edge: the supernet itself, for any Z. */
    public static final OpSelection ALL = new OpSelection(null);

    /** The ops Z weights by 1; null for all. */
    private final CellPair<EdgeOpMatrix> kept;

    private OpSelection(CellPair<EdgeOpMatrix> kept) {
        this.kept = kept;
    }

    /** Whether every entry of {@code z} is exactly 0 or 1, as a derived child's (or a one-hot sample's) is. */
    public static boolean isDiscrete(CellPair<EdgeOpMatrix> z) {
        return isDiscrete(z.normal()) && isDiscrete(z.reduction());
    }

    /** The ops that {@code discreteZ} weights by 1: the child it describes. */
    public static OpSelection chosenBy(CellPair<EdgeOpMatrix> discreteZ) {
        Objects.requireNonNull(discreteZ, "discreteZ");
        if (!isDiscrete(discreteZ)) {
            throw new IllegalArgumentException("a child's Z holds only 0 and 1, got " + discreteZ);
        }
        return new OpSelection(discreteZ);
    }

    /** Whether passes built with this selection compute {@code op} on {@code edge} of the cells of {@code kind}. */
    public boolean keeps(CellKind kind, int edge, Operation op) {
        return kept == null || kept.get(kind).get(edge, op) != 0;
    }

    private static boolean isDiscrete(EdgeOpMatrix z) {
        for (double value : z.toRowMajor()) {
            if (value != 0 && value != 1) {
                return false;
            }
        }
        return true;
    }
}
