package org.snas4j.domain.genotype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snas4j.domain.space.Operation;

class PublishedGenotypesTest {

    @Test
    void fourNamedGenotypesInDartsForm() {
        assertEquals(List.of("snas-mild", "snas-moderate", "snas-aggressive", "darts-v2"), PublishedGenotypes.names());
        for (String name : PublishedGenotypes.names()) {
            Genotype g = PublishedGenotypes.byName(name);
            assertEquals(GenotypeForm.TOP2_PER_NODE, g.form(), name);
            assertEquals(CellGenotype.DEFAULT_CONCAT, g.normal().concat());
        }
    }

    @Test
    void dartsV2CellsAsPublished() {
        // Edges in canonical order (node, then input); DARTS lists some nodes' inputs the other way round.
        Genotype g = PublishedGenotypes.byName("darts-v2");
        assertEquals(List.of(
                new CellEdge(Operation.SEP_CONV_3X3, 0, 2), new CellEdge(Operation.SEP_CONV_3X3, 1, 2),
                new CellEdge(Operation.SEP_CONV_3X3, 0, 3), new CellEdge(Operation.SEP_CONV_3X3, 1, 3),
                new CellEdge(Operation.SKIP_CONNECT, 0, 4), new CellEdge(Operation.SEP_CONV_3X3, 1, 4),
                new CellEdge(Operation.SKIP_CONNECT, 0, 5), new CellEdge(Operation.DIL_CONV_3X3, 2, 5)), g.normal().edges());
        assertEquals(List.of(
                new CellEdge(Operation.MAX_POOL_3X3, 0, 2), new CellEdge(Operation.MAX_POOL_3X3, 1, 2),
                new CellEdge(Operation.MAX_POOL_3X3, 1, 3), new CellEdge(Operation.SKIP_CONNECT, 2, 3),
                new CellEdge(Operation.MAX_POOL_3X3, 0, 4), new CellEdge(Operation.SKIP_CONNECT, 2, 4),
                new CellEdge(Operation.MAX_POOL_3X3, 1, 5), new CellEdge(Operation.SKIP_CONNECT, 2, 5)), g.reduction().edges());
    }

    @Test
    void snasCellsAsPublished() {
        Genotype mild = PublishedGenotypes.byName("snas-mild");
        assertEquals(List.of(new CellEdge(Operation.MAX_POOL_3X3, 0, 5), new CellEdge(Operation.DIL_CONV_5X5, 2, 5)), mild.reduction().edgesInto(5));
        Genotype moderate = PublishedGenotypes.byName("snas-moderate");
        assertEquals(List.of(new CellEdge(Operation.DIL_CONV_5X5, 0, 2), new CellEdge(Operation.SKIP_CONNECT, 1, 2)), moderate.normal().edgesInto(2));
        assertEquals(6, moderate.reduction().edges().stream().filter(e -> e.operation() == Operation.SEP_CONV_5X5 || e.operation() == Operation.DIL_CONV_5X5).count());
        Genotype aggressive = PublishedGenotypes.byName("snas-aggressive");
        assertEquals(List.of(new CellEdge(Operation.SKIP_CONNECT, 0, 4), new CellEdge(Operation.DIL_CONV_5X5, 1, 4)), aggressive.normal().edgesInto(4));
        assertEquals(6, aggressive.reduction().edges().stream().filter(e -> e.operation() == Operation.NONE).count());
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublishedGenotypes.byName("nasnet-a"));
        assertTrue(e.getMessage().contains("nasnet-a") && e.getMessage().contains("snas-moderate"), e.getMessage());
    }
}
