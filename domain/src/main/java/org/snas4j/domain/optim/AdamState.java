package org.snas4j.domain.optim;

import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/** Adam's moments and step count: enough to resume the architecture optimiser exactly. */
public record AdamState(long step, CellPair<EdgeOpMatrix> firstMoment, CellPair<EdgeOpMatrix> secondMoment) {
}
