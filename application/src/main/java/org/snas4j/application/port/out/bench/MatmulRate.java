package org.snas4j.application.port.out.bench;

/**
 * What a {@link DenseMatmulProbe} measured.
 *
 * @param size       n of the n x n matrices
 * @param concurrent products computed at once (one per op-level thread)
 * @param products   products timed, in total
 * @param seconds    wall time of those products
 */
public record MatmulRate(int size, int concurrent, long products, double seconds) {

    public MatmulRate {
        if (size <= 0 || concurrent <= 0 || products <= 0 || !(seconds > 0)) {
            throw new IllegalArgumentException("a matmul measurement needs positive size, concurrency, products and time, got "
                    + size + ", " + concurrent + ", " + products + ", " + seconds);
        }
    }

    /** Floating-point operations per second: 2 n^3 per product (a multiply and an add per term). */
    public double flopsPerSecond() {
        return 2.0 * size * size * (double) size * products / seconds;
    }
}
