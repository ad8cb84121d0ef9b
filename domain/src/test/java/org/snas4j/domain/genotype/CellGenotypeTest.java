package org.snas4j.domain.genotype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.snas4j.domain.space.Operation;

class CellGenotypeTest {

    private static final Operation SEP = Operation.SEP_CONV_3X3;

    @Test
    void topTwoCellKeepsEdgesInNodeThenInputOrder() {
        CellGenotype cell = new CellGenotype(GenotypeForm.TOP2_PER_NODE, List.of(
                new CellEdge(SEP, 3, 5), new CellEdge(SEP, 0, 2), new CellEdge(SEP, 1, 2), new CellEdge(SEP, 0, 3),
                new CellEdge(SEP, 2, 3), new CellEdge(SEP, 1, 4), new CellEdge(SEP, 0, 4), new CellEdge(SEP, 4, 5)));
        assertEquals(List.of(2, 2, 3, 3, 4, 4, 5, 5), cell.edges().stream().map(CellEdge::node).toList());
        assertEquals(List.of(0, 1), cell.edgesInto(4).stream().map(CellEdge::input).toList());
        assertEquals(List.of(0, 1, 0, 2, 0, 1, 3, 4), cell.edges().stream().map(CellEdge::input).toList());
        assertEquals(13, new CellEdge(SEP, 4, 5).edgeIndex());
    }

    @Test
    void cellsWithTheSameEdgesAreEqualWhateverTheListingOrder() {
        List<CellEdge> edges = new ArrayList<>(PublishedGenotypes.byName("darts-v2").normal().edges());
        Collections.reverse(edges);
        assertEquals(PublishedGenotypes.byName("darts-v2").normal(), new CellGenotype(GenotypeForm.TOP2_PER_NODE, edges));
    }

    @Test
    void topTwoCellRejectsTheSameEdgeTwice() {
        List<CellEdge> edges = new ArrayList<>(List.of(
                new CellEdge(SEP, 0, 2), new CellEdge(Operation.SKIP_CONNECT, 0, 2), new CellEdge(SEP, 0, 3),
                new CellEdge(SEP, 1, 3), new CellEdge(SEP, 0, 4), new CellEdge(SEP, 1, 4), new CellEdge(SEP, 0, 5),
                new CellEdge(SEP, 1, 5)));
        assertThrows(IllegalArgumentException.class, () -> new CellGenotype(GenotypeForm.TOP2_PER_NODE, edges));
    }

    @Test
    void rejectsWrongEdgeCountsAndNodes() {
        assertThrows(IllegalArgumentException.class, () -> new CellGenotype(GenotypeForm.EDGE_ALL, List.of(new CellEdge(SEP, 0, 2))));
        assertThrows(IllegalArgumentException.class, () -> new CellEdge(SEP, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> new CellEdge(SEP, 0, 6));
        assertThrows(IllegalArgumentException.class, () -> new CellGenotype(GenotypeForm.EDGE_ALL, allEdges(), List.of(2, 2, 3)));
        assertThrows(IllegalArgumentException.class, () -> new CellGenotype(GenotypeForm.EDGE_ALL, allEdges(), List.of(1, 2)));
    }

    @Test
    void genotypeCellsMustShareTheirForm() {
        CellGenotype edgeAll = new CellGenotype(GenotypeForm.EDGE_ALL, allEdges());
        CellGenotype top2 = PublishedGenotypes.byName("darts-v2").normal();
        assertThrows(IllegalArgumentException.class, () -> new Genotype(edgeAll, top2));
        assertEquals(GenotypeForm.EDGE_ALL, new Genotype(edgeAll, edgeAll).form());
    }

    private static List<CellEdge> allEdges() {
        List<CellEdge> edges = new ArrayList<>();
        for (int node = 2; node < 6; node++) {
            for (int input = 0; input < node; input++) {
                edges.add(new CellEdge(Operation.NONE, input, node));
            }
        }
        return edges;
    }
}
