package org.snas4j.domain.space;

/**
 * The fixed DAG of a DARTS/SNAS cell. Nodes 0 and 1 are the cell's inputs (the outputs of the
 * cells k-2 and k-1); nodes 2..5 are the intermediate nodes. Intermediate node {@code n} sums one
 * edge from every earlier node, giving 2 + 3 + 4 + 5 = 14 edges. Edges are numbered node by node,
 * and within a node by source: edge 0 = (0 -> 2), 1 = (1 -> 2), 2 = (0 -> 3), 3 = (1 -> 3),
 * 4 = (2 -> 3), 5 = (0 -> 4), ... 13 = (4 -> 5), which is the order of the SNAS code's alphas.
 */
public final class CellTopology {

    /** Input nodes per cell (c_{k-2}, c_{k-1}). */
    public static final int INPUT_NODES = 2;
    /** Intermediate nodes per cell. */
    public static final int STEPS = 4;
    /** Total nodes (inputs + intermediates). */
    public static final int NODES = INPUT_NODES + STEPS;
    /** Edges per cell. */
    public static final int EDGES = 14;

    private static final int[] FROM = new int[EDGES];
    private static final int[] TO = new int[EDGES];

    static {
        int edge = 0;
        for (int to = INPUT_NODES; to < NODES; to++) {
            for (int from = 0; from < to; from++) {
                FROM[edge] = from;
                TO[edge] = to;
                edge++;
            }
        }
    }

    private CellTopology() {
    }

    /** Source node (0..4) of an edge. */
    public static int fromNode(int edge) {
        checkEdge(edge);
        return FROM[edge];
    }

    /** Destination node (2..5) of an edge. */
    public static int toNode(int edge) {
        checkEdge(edge);
        return TO[edge];
    }

    /** True when the edge leaves one of the two cell inputs (stride 2 in a reduction cell). */
    public static boolean leavesInput(int edge) {
        return fromNode(edge) < INPUT_NODES;
    }

    /** The index of the edge from {@code fromNode} to {@code toNode}. */
    public static int edgeIndex(int fromNode, int toNode) {
        if (toNode < INPUT_NODES || toNode >= NODES) {
            throw new IllegalArgumentException("destination node " + toNode + " is not an intermediate node (2.." + (NODES - 1) + ")");
        }
        if (fromNode < 0 || fromNode >= toNode) {
            throw new IllegalArgumentException("source node " + fromNode + " must be in 0.." + (toNode - 1) + " for node " + toNode);
        }
        return firstEdgeInto(toNode) + fromNode;
    }

    /** Index of the first edge entering an intermediate node. */
    public static int firstEdgeInto(int toNode) {
        if (toNode < INPUT_NODES || toNode >= NODES) {
            throw new IllegalArgumentException("node " + toNode + " is not an intermediate node (2.." + (NODES - 1) + ")");
        }
        // Node n has n incoming edges; nodes 2..n-1 before it contribute 2 + 3 + ... + (n-1).
        int first = 0;
        for (int n = INPUT_NODES; n < toNode; n++) {
            first += n;
        }
        return first;
    }

    /**
     * A node's name in the papers' figures: the inputs {@code c_{k-2}} and {@code c_{k-1}}, then the
     * intermediate nodes 0..3.
     */
    public static String nodeName(int node) {
        if (node < 0 || node >= NODES) {
            throw new IllegalArgumentException("node " + node + " out of range 0.." + (NODES - 1));
        }
        return switch (node) {
            case 0 -> "c_{k-2}";
            case 1 -> "c_{k-1}";
            default -> String.valueOf(node - INPUT_NODES);
        };
    }

    /** An edge's name from its nodes' names, e.g. {@code "c_{k-1} -> 1"} for edge 3. */
    public static String edgeName(int edge) {
        return nodeName(fromNode(edge)) + " -> " + nodeName(toNode(edge));
    }

    private static void checkEdge(int edge) {
        if (edge < 0 || edge >= EDGES) {
            throw new IllegalArgumentException("edge index " + edge + " out of range 0.." + (EDGES - 1));
        }
    }
}
