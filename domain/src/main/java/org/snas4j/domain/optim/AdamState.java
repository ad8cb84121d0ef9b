package org.snas4j.domain.optim;

import java.util.Objects;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * Everything Adam carries between steps, for checkpoints: restoring it continues bit-identically.
 *
 * @param step           number of steps taken so far
 * @param firstMoment    running mean of the gradients
 * @param secondMoment   running mean of the squared gradients
 */
public record AdamState(long step, CellPair<EdgeOpMatrix> firstMoment, CellPair<EdgeOpMatrix> secondMoment) {

    public AdamState {
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative, got " + step);
        }
        Objects.requireNonNull(firstMoment, "firstMoment");
        Objects.requireNonNull(secondMoment, "secondMoment");
    }

    /** The state before the first step. */
    public static AdamState initial() {
        CellPair<EdgeOpMatrix> zeros = CellPair.of(kind -> EdgeOpMatrix.zeros());
        return new AdamState(0, zeros, zeros);
    }
}
