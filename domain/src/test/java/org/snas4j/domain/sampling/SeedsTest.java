package org.snas4j.domain.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Recorded runs name only their seed: their splits, orders and augmentations are rebuilt from it. These
 * values pin the derivation, so a change that would silently give old seeds new data fails here.
 */
class SeedsTest {

    @Test
    void derivationsAreThoseEveryRecordedRunWasMadeWith() {
        assertEquals(-5943427670724350798L, Seeds.derive(1, Seeds.SPLIT));
        assertEquals(233430949874170123L, Seeds.derive(1, Seeds.SHUFFLE, 0));
        assertEquals(-7005058348205219330L, Seeds.derive(1, Seeds.AUGMENT, 2, 3));
        assertArrayEquals(new int[] {9, 7, 4, 1, 3, 8, 6, 0, 5, 2},
                Permutations.uniform(10, new SplittableRandom(Seeds.derive(1, Seeds.SHUFFLE, 0))));
        assertArrayEquals(new int[] {0, 2, 3, 7},
                StratifiedHoldOut.indices(StratifiedHoldOut.mask(new int[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, 2, 0.4, 1), true));
    }

    @Test
    void everyStepOfThePathMatters() {
        assertNotEquals(Seeds.derive(1, Seeds.SHUFFLE, 0), Seeds.derive(1, Seeds.SHUFFLE, 1));
        assertNotEquals(Seeds.derive(1, Seeds.AUGMENT, 2, 3), Seeds.derive(1, Seeds.AUGMENT, 3, 2));
        assertNotEquals(Seeds.derive(1, Seeds.SPLIT), Seeds.derive(2, Seeds.SPLIT));
    }
}
