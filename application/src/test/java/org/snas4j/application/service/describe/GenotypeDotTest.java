package org.snas4j.application.service.describe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeStatistics;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.CellKind;

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
}
