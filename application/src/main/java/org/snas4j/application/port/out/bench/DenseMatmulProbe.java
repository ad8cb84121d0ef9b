package org.snas4j.application.port.out.bench;

import org.snas4j.application.port.out.device.Device;

/**
 * Measures what the backend achieves on the operation it is best at, a dense float matrix product,
 * with the thread settings a network runs on: the physical limit beside a network's FLOP rate.
 */
public interface DenseMatmulProbe {

    /**
     * Multiplies {@code size} x {@code size} matrices, as many products at once as the network runs ops
     * at once with {@code threads}, for about {@code seconds} of wall time after one warm-up run.
     */
    MatmulRate measure(int size, Device device, int threads, ExecutionOptions options, double seconds);
}
