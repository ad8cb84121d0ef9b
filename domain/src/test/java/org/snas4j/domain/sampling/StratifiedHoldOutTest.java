package org.snas4j.domain.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StratifiedHoldOutTest {

    /** 10 of class 0, 7 of class 1, 3 of class 2, interleaved. */
    private static final int[] LABELS = {0, 1, 0, 2, 0, 1, 0, 1, 0, 2, 0, 1, 0, 1, 0, 2, 0, 1, 0, 1};

    private static int[] heldPerClass(boolean[] mask) {
        int[] held = new int[3];
        for (int i = 0; i < mask.length; i++) {
            held[LABELS[i]] += mask[i] ? 1 : 0;
        }
        return held;
    }

    @Test
    void floorsPerClassAndTheRestByLargestRemainder() {
        // 0.25 of 20 = 5: floors 2, 1, 0 (exact 2.5, 1.75, 0.75); the two left go to the largest remainders, class 1 then 2.
        assertArrayEquals(new int[] {2, 2, 1}, heldPerClass(StratifiedHoldOut.mask(LABELS, 3, 0.25, 1)));
        // 0.5 of 20 = 10: floors 5, 3, 1 (exact 5, 3.5, 1.5); the tie between classes 1 and 2 goes to the lower index.
        assertArrayEquals(new int[] {5, 4, 1}, heldPerClass(StratifiedHoldOut.mask(LABELS, 3, 0.5, 1)));
    }

    @Test
    void theSeedChoosesWhichMembersAndRepeats() {
        boolean[] first = StratifiedHoldOut.mask(LABELS, 3, 0.5, 1);
        assertArrayEquals(first, StratifiedHoldOut.mask(LABELS, 3, 0.5, 1));
        boolean differs = false;
        for (long seed = 2; seed < 10; seed++) {
            differs |= !Arrays.equals(first, StratifiedHoldOut.mask(LABELS, 3, 0.5, seed));
        }
        assertTrue(differs, "other seeds hold out other images");
    }

    @Test
    void indicesSplitTheMaskInOrder() {
        boolean[] mask = {true, false, false, true, false};
        assertArrayEquals(new int[] {0, 3}, StratifiedHoldOut.indices(mask, true));
        assertArrayEquals(new int[] {1, 2, 4}, StratifiedHoldOut.indices(mask, false));
    }

    @Test
    void refusesFractionsOutsideTheOpenIntervalOrLeavingAPartEmpty() {
        for (double fraction : new double[] {0, 1, -0.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StratifiedHoldOut.mask(LABELS, 3, fraction, 1));
            assertTrue(e.getMessage().startsWith("must be strictly between 0 and 1"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StratifiedHoldOut.mask(LABELS, 3, 0.01, 1));
        assertEquals("0.01 of 20 images leaves 0 held out and 20 for training; both need at least one", e.getMessage());
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class, () -> StratifiedHoldOut.mask(LABELS, 3, 0.98, 1));
        assertEquals("0.98 of 20 images leaves 20 held out and 0 for training; both need at least one", all.getMessage());
    }
}
