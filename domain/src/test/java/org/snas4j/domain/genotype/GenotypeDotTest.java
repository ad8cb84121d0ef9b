package org.snas4j.domain.genotype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.Operation;

class GenotypeDotTest {

    @Test
    void drawsOneLabelledArrowPerEdgeAndDashesParameterFreeOnes() {
        Genotype moderate = PublishedGenotypes.byName("snas-moderate");

        String dot = GenotypeDot.render(moderate.normal(), CellKind.NORMAL);

        assertTrue(dot.startsWith("digraph normal_cell {"), dot);
        assertTrue(dot.contains("\"c_{k-2}\" -> \"0\" [label=\"dil_conv_5x5\"];"), dot);
        assertTrue(dot.contains("\"c_{k-1}\" -> \"0\" [label=\"skip_connect\", style=dashed];"), dot);
        assertEquals(8, dot.lines().filter(l -> l.contains("[label=")).count());
        assertEquals(4, dot.lines().filter(l -> l.contains("-> \"c_{k}\"")).count());
        assertEquals(GenotypeStatistics.parameterFreeEdges(moderate.normal()), dot.lines().filter(l -> l.contains("style=dashed")).count());
        assertTrue(dot.strip().endsWith("}"));
    }

    @Test
    void leavesNoneEdgesOutAndSaysHowMany() {
        // An edge-all cell whose edges 0 and 5 chose none and every other edge sep_conv_3x3.
        EdgeOpMatrix logits = EdgeOpMatrix.zeros();
        for (int edge = 0; edge < CellTopology.EDGES; edge++) {
            Operation chosen = edge == 0 || edge == 5 ? Operation.NONE : Operation.SEP_CONV_3X3;
            logits = logits.with(edge, chosen.ordinal(), 1);
        }
        Genotype edgeAll = GenotypeDerivation.edgeAll(new CellPair<>(logits, logits));

        String dot = GenotypeDot.render(edgeAll.normal(), CellKind.NORMAL);

        assertEquals(12, dot.lines().filter(l -> l.contains("[label=")).count(), dot);
        assertFalse(dot.contains("label=\"none\""), "no arrow for a none edge");
        assertFalse(dot.contains("\"c_{k-2}\" -> \"0\""), "edge 0 is none");
        assertTrue(dot.contains("label=\"normal cell\\n(2 none edges left out)\""), dot);
    }
}
