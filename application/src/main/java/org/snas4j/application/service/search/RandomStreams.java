package org.snas4j.application.service.search;

import java.util.SplittableRandom;

/**
 * Independent random streams of the search loop, derived from (seed, epoch, purpose). A run resumed
 * at an epoch boundary draws exactly what the uninterrupted run would have drawn, without storing
 * any generator state. (Data order and augmentation are seeded the same way by BatchStream.)
 */
final class RandomStreams {

    private static final long GUMBEL = 0x6A09E667F3BCC908L;
    private static final long VALIDATION = 0x3C6EF372FE94F82BL;

    private RandomStreams() {
    }

    static SplittableRandom gumbel(long seed, int epoch) {
        return stream(seed, epoch, GUMBEL);
    }

    static SplittableRandom validation(long seed, int epoch) {
        return stream(seed, epoch, VALIDATION);
    }

    private static SplittableRandom stream(long seed, int epoch, long purpose) {
        // SplittableRandom mixes its seed; distinct odd multipliers keep (epoch, purpose) pairs apart.
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + (epoch + 1L) * 0xD1B54A32D192ED03L + purpose);
    }
}
