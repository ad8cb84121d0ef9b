package org.snas4j.domain.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded, class-stratified hold-out of part of a labelled set: round(fraction * size) items,
 * floor(fraction * n_c) of every class c and the remaining few from the classes with the largest
 * remainders (ties to the lower class index), so the label histograms of both parts follow the
 * whole's. Used for the search's validation part of the training set and for an image folder's test
 * part; callers name the setting in their own refusals.
 */
public final class StratifiedHoldOut {

    private StratifiedHoldOut() {
    }

    /**
     * Which items the hold-out takes ({@code true}), the random stream derived from {@code seed} as
     * {@link Seeds#SPLIT}.
     *
     * @param labels  each item's class, 0..classes-1
     * @throws IllegalArgumentException if the fraction is not in (0, 1) or leaves either part empty
     */
    public static boolean[] mask(int[] labels, int classes, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("must be strictly between 0 and 1, got " + fraction);
        }
        int total = labels.length;
        int heldTotal = (int) Math.round(fraction * total);
        if (heldTotal < 1 || heldTotal > total - 1) {
            throw new IllegalArgumentException(fraction + " of " + total + " images leaves " + heldTotal
                    + " held out and " + (total - heldTotal) + " for training; both need at least one");
        }
        int[][] byClass = indicesByClass(labels, classes);
        int[] quota = quotas(byClass, fraction, heldTotal);
        boolean[] held = new boolean[total];
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, Seeds.SPLIT));
        for (int c = 0; c < byClass.length; c++) {
            int[] members = byClass[c];
            // Partial Fisher-Yates: the first quota[c] positions become a uniform random sample.
            for (int i = 0; i < quota[c]; i++) {
                int j = i + random.nextInt(members.length - i);
                int swap = members[i];
                members[i] = members[j];
                members[j] = swap;
                held[members[i]] = true;
            }
        }
        return held;
    }

    /** The positions where {@code mask} is {@code value}, in order. */
    public static int[] indices(boolean[] mask, boolean value) {
        int count = 0;
        for (boolean m : mask) {
            count += m == value ? 1 : 0;
        }
        int[] result = new int[count];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == value) {
                result[k++] = i;
            }
        }
        return result;
    }

    private static int[][] indicesByClass(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        int[][] byClass = new int[classes][];
        for (int c = 0; c < classes; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] filled = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][filled[labels[i]]++] = i;
        }
        return byClass;
    }

    /** Largest-remainder apportionment of {@code heldTotal} over the classes. */
    private static int[] quotas(int[][] byClass, double fraction, int heldTotal) {
        int classes = byClass.length;
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++) {
            double exact = fraction * byClass[c].length;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        Integer[] byRemainder = new Integer[classes];
        Arrays.setAll(byRemainder, c -> c);
        Arrays.sort(byRemainder, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
        // The floors sum to at most fraction * size, so only additions are needed; they end because
        // heldTotal < size leaves some class with room.
        for (int k = 0; assigned < heldTotal; k = (k + 1) % classes) {
            int c = byRemainder[k];
            if (quota[c] < byClass[c].length) {
                quota[c]++;
                assigned++;
            }
        }
        return quota;
    }
}
