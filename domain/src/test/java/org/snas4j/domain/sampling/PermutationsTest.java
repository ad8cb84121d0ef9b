package org.snas4j.domain.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PermutationsTest {

    @Test
    void everyOrderOfFourItemsIsEquallyLikely() {
        SplittableRandom random = new SplittableRandom(7);
        int draws = 48_000;
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < draws; i++) {
            counts.merge(Arrays.toString(Permutations.uniform(4, random)), 1, Integer::sum);
        }
        assertEquals(24, counts.size(), "all 4! orders occur");
        double expected = draws / 24.0;
        double chiSquare = counts.values().stream().mapToDouble(n -> (n - expected) * (n - expected) / expected).sum();
        // 23 degrees of freedom: P(chi^2 > 49.7) = 0.001, so a biased shuffle (e.g. swapping with any position) fails.
        assertTrue(chiSquare < 49.7, "chi-square " + chiSquare);
    }

    @Test
    void isAPermutationAndTheSameForTheSameSeed() {
        int[] order = Permutations.uniform(1000, new SplittableRandom(3));
        assertArrayEquals(IntStream.range(0, 1000).toArray(), Arrays.stream(order).sorted().toArray());
        assertArrayEquals(order, Permutations.uniform(1000, new SplittableRandom(3)));
        assertEquals(0, Permutations.uniform(0, new SplittableRandom(3)).length);
    }
}
