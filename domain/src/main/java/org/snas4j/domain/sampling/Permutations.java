package org.snas4j.domain.sampling;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Uniformly random orders, drawn from a caller's seeded generator so that they are reproducible. */
public final class Permutations {

    private Permutations() {
    }

    /** A uniformly random permutation of 0..size-1 (Fisher-Yates), drawn from {@code random}. */
    public static int[] uniform(int size, SplittableRandom random) {
        int[] order = IntStream.range(0, size).toArray();
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
