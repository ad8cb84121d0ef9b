package org.snas4j.domain.genotype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.Operation;

class RandomGenotypesTest {

    private static final int DRAWS = 2_000;

    @Test
    void drawsValidTop2CellsWithDistinctEarlierInputsAndNoNone() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < DRAWS; i++) {
            Genotype g = RandomGenotypes.top2(random);
            assertEquals(GenotypeForm.TOP2_PER_NODE, g.form());
            for (CellKind kind : CellKind.values()) {
                CellGenotype cell = g.cell(kind);
                assertEquals(CellGenotype.DEFAULT_CONCAT, cell.concat());
                for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
                    var into = cell.edgesInto(node);
                    assertEquals(2, into.size(), "node " + node);
                    assertNotEquals(into.get(0).input(), into.get(1).input(), "two distinct inputs into node " + node);
                    for (CellEdge edge : into) {
                        assertTrue(edge.input() < node);
                        assertNotEquals(Operation.NONE, edge.operation());
                    }
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameGenotypeAndOtherSeedsOthers() {
        assertEquals(RandomGenotypes.top2(new SplittableRandom(42)), RandomGenotypes.top2(new SplittableRandom(42)));
        Set<Genotype> distinct = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            distinct.add(RandomGenotypes.top2(new SplittableRandom(seed)));
        }
        assertEquals(50, distinct.size(), "the space holds about 10^18 top-2 genotypes: 50 seeds give 50 of them");
    }

    @Test
    void everyNonNoneOperationAndEveryInputPairIsReachedAboutUniformly() {
        SplittableRandom random = new SplittableRandom(3);
        Map<Operation, Integer> operations = new EnumMap<>(Operation.class);
        Map<String, Integer> pairsIntoNode5 = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            Genotype g = RandomGenotypes.top2(random);
            for (CellKind kind : CellKind.values()) {
                for (CellEdge edge : g.cell(kind).edges()) {
                    operations.merge(edge.operation(), 1, Integer::sum);
                }
                var into = g.cell(kind).edgesInto(5);
                pairsIntoNode5.merge(into.get(0).input() + "," + into.get(1).input(), 1, Integer::sum);
            }
        }
        assertEquals(EnumSet.complementOf(EnumSet.of(Operation.NONE)), EnumSet.copyOf(operations.keySet()));
        // 2,000 draws x 2 cells x 8 edges / 7 ops = 4,571 expected per op; 5 standard deviations is about 320.
        operations.values().forEach(count -> assertTrue(Math.abs(count - 4_571) < 320, operations.toString()));
        // Node 5 has 5 earlier nodes: all 10 unordered pairs, 4,000 cells / 10 = 400 expected each (sd 19).
        assertEquals(10, pairsIntoNode5.size(), pairsIntoNode5.toString());
        pairsIntoNode5.values().forEach(count -> assertTrue(Math.abs(count - 400) < 100, pairsIntoNode5.toString()));
    }

    @Test
    void theSnasRuleMayKeepNoneLikeTheSearchedCellsUnderThatRule() {
        SplittableRandom random = new SplittableRandom(11);
        Set<Operation> seen = EnumSet.noneOf(Operation.class);
        for (int i = 0; i < 200; i++) {
            Genotype g = RandomGenotypes.top2(random, Top2Rule.SNAS);
            g.normal().edges().forEach(edge -> seen.add(edge.operation()));
            g.reduction().edges().forEach(edge -> seen.add(edge.operation()));
        }
        assertEquals(EnumSet.allOf(Operation.class), seen);
    }
}
