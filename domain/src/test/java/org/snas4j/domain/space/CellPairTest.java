package org.snas4j.domain.space;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CellPairTest {

    @Test
    void mapZipAndGetWorkKindByKind() {
        CellPair<Integer> a = new CellPair<>(2, 3);
        CellPair<Integer> b = CellPair.of(kind -> kind == CellKind.NORMAL ? 10 : 20);
        assertEquals(new CellPair<>(12, 23), a.zip(b, Integer::sum));
        assertEquals(new CellPair<>("2", "3"), a.map(String::valueOf));
        assertEquals(3, a.get(CellKind.REDUCTION));
        assertEquals("reduction", CellKind.REDUCTION.id());
    }
}
