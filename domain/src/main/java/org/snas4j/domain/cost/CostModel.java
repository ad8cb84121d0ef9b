package org.snas4j.domain.cost;

import org.snas4j.domain.space.EdgeShape;
import org.snas4j.domain.space.Operation;

/** Prices one candidate operation on an edge of a given shape. */
public interface CostModel {

    OperationCost cost(Operation op, EdgeShape edge);
}
