package org.snas4j.domain.genotype;

import java.util.Objects;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.Operation;

/**
 * One kept edge of a derived cell: {@code operation} applied to node {@code input}, summed into
 * intermediate node {@code node}. Nodes: 0 = c_{k-2}, 1 = c_{k-1}, 2..5 = intermediate nodes.
 */
public record CellEdge(Operation operation, int input, int node) {

    public CellEdge {
        Objects.requireNonNull(operation, "operation");
        if (node < CellTopology.INPUT_NODES || node >= CellTopology.NODES) {
            throw new IllegalArgumentException("node " + node + " is not an intermediate node (2.." + (CellTopology.NODES - 1) + ")");
        }
        if (input < 0 || input >= node) {
            throw new IllegalArgumentException("input index " + input + " out of range for node " + node + " (0.." + (node - 1) + ")");
        }
    }

    /** The supernet edge index (0..13) this edge corresponds to. */
    public int edgeIndex() {
        return CellTopology.edgeIndex(input, node);
    }
}
