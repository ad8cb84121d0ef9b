package org.snas4j.domain.sampling;

/**
 * Derives independent seeds for the random streams of the data pipeline (split, shuffle of each
 * epoch, augmentation of each batch) from the one run seed, so that any batch can be rebuilt
 * without replaying the ones before it (resuming mid-epoch gives the same batches). The constants
 * name the streams; changing one changes every seeded split, order and augmentation already recorded.
 */
public final class Seeds {

    public static final long SPLIT = 0x53504C4954L;
    public static final long SHUFFLE = 0x53485546L;
    public static final long AUGMENT = 0x4155474DL;

    private Seeds() {
    }

    public static long derive(long seed, long... path) {
        long state = mix(seed);
        for (long step : path) {
            state = mix(state ^ mix(step + 0x9E3779B97F4A7C15L));
        }
        return state;
    }

    /** SplitMix64's finaliser: a bijection that spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
