package org.snas4j.application.port.in.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankComparisonTest {

    private static final List<Double> FIFTH_STUDY_RANDOM = List.of(0.8753, 0.8701, 0.8723, 0.8751, 0.8758, 0.8448, 0.8692, 0.8808);

    @Test
    void theFifthStudysSearchedCellsBeatFifteenOfSixteenPairs() {
        RankComparison ranks = RankComparison.of(List.of(0.8783, 0.8810), FIFTH_STUDY_RANDOM);
        assertEquals(List.of(7.0, 8.0), ranks.beaten());
        assertEquals(15, ranks.u());
        assertEquals(16, ranks.maximumU());
        // Of the 45 equally likely rank pairs under chance, only {10, 9} and {10, 8} give U >= 15.
        assertEquals(2.0 / 45, ranks.pValue(), 1e-12);
    }

    @Test
    void aTieCountsHalfAndTheTailStartsAtTheNextWholeU() {
        RankComparison ranks = RankComparison.of(List.of(0.8808), FIFTH_STUDY_RANDOM);
        assertEquals(List.of(7.5), ranks.beaten());
        assertEquals(1.0 / 9, ranks.pValue(), 1e-12, "P(U >= 8) with one searched among nine cells");
    }

    @Test
    void theExactTailMatchesCountingEveryOrdering() {
        for (int m = 1; m <= 4; m++) {
            for (int n = 1; n <= 5; n++) {
                long[] counts = bruteForceCounts(m, n);
                long total = 0;
                for (long c : counts) {
                    total += c;
                }
                for (int u = 0; u <= m * n + 1; u++) {
                    long tail = 0;
                    for (int k = u; k < counts.length; k++) {
                        tail += counts[k];
                    }
                    assertEquals((double) tail / total, RankComparison.upperTail(m, n, u), 1e-12, "m=" + m + " n=" + n + " u=" + u);
                }
            }
        }
    }

    @Test
    void needsBothGroups() {
        assertThrows(IllegalArgumentException.class, () -> RankComparison.of(List.of(), FIFTH_STUDY_RANDOM));
        assertThrows(IllegalArgumentException.class, () -> RankComparison.of(List.of(0.9), List.of()));
    }

    /** counts[k]: the subsets of m ranks (searched) out of m + n whose U is k. */
    private static long[] bruteForceCounts(int m, int n) {
        long[] counts = new long[m * n + 1];
        for (int mask = 0; mask < 1 << (m + n); mask++) {
            if (Integer.bitCount(mask) != m) {
                continue;
            }
            List<Integer> searchedRanks = new ArrayList<>();
            for (int r = 0; r < m + n; r++) {
                if ((mask & 1 << r) != 0) {
                    searchedRanks.add(r);
                }
            }
            int u = 0;
            for (int r : searchedRanks) {
                for (int other = 0; other < r; other++) {
                    u += (mask & 1 << other) == 0 ? 1 : 0;
                }
            }
            counts[u]++;
        }
        return counts;
    }
}
