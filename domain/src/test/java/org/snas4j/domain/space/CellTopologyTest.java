package org.snas4j.domain.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellTopologyTest {

    /** (from, to) of edges 0..13, written out as the SNAS code enumerates its alphas. */
    private static final int[][] EDGES = {
            {0, 2}, {1, 2},
            {0, 3}, {1, 3}, {2, 3},
            {0, 4}, {1, 4}, {2, 4}, {3, 4},
            {0, 5}, {1, 5}, {2, 5}, {3, 5}, {4, 5}};

    @Test
    void fourteenEdgesNodeByNode() {
        assertEquals(14, CellTopology.EDGES);
        assertEquals(6, CellTopology.NODES);
        for (int e = 0; e < EDGES.length; e++) {
            assertEquals(EDGES[e][0], CellTopology.fromNode(e), "from of edge " + e);
            assertEquals(EDGES[e][1], CellTopology.toNode(e), "to of edge " + e);
            assertEquals(e, CellTopology.edgeIndex(EDGES[e][0], EDGES[e][1]), "index of " + EDGES[e][0] + "->" + EDGES[e][1]);
        }
    }

    @Test
    void firstEdgeIntoEachNode() {
        assertEquals(List.of(0, 2, 5, 9), List.of(CellTopology.firstEdgeInto(2), CellTopology.firstEdgeInto(3),
                CellTopology.firstEdgeInto(4), CellTopology.firstEdgeInto(5)));
        assertThrows(IllegalArgumentException.class, () -> CellTopology.firstEdgeInto(6));
        assertThrows(IllegalArgumentException.class, () -> CellTopology.firstEdgeInto(1));
    }

    @Test
    void edgesLeavingTheInputsAreTheReducingOnes() {
        List<Integer> leaving = new ArrayList<>();
        for (int e = 0; e < CellTopology.EDGES; e++) {
            if (CellTopology.leavesInput(e)) {
                leaving.add(e);
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 5, 6, 9, 10), leaving);
    }

    @Test
    void edgesAreNamedAsInThePapersFigures() {
        assertEquals("c_{k-2} -> 0", CellTopology.edgeName(0));
        assertEquals("c_{k-1} -> 3", CellTopology.edgeName(10));
        assertEquals("2 -> 3", CellTopology.edgeName(13));
        assertThrows(IllegalArgumentException.class, () -> CellTopology.nodeName(6));
    }

    @Test
    void rejectsEdgesThatDoNotExist() {
        assertThrows(IllegalArgumentException.class, () -> CellTopology.fromNode(14));
        assertThrows(IllegalArgumentException.class, () -> CellTopology.toNode(-1));
        assertThrows(IllegalArgumentException.class, () -> CellTopology.edgeIndex(2, 2));
        assertThrows(IllegalArgumentException.class, () -> CellTopology.edgeIndex(0, 1));
        assertThrows(IllegalArgumentException.class, () -> CellTopology.edgeIndex(0, 6));
    }
}
