package org.snas4j.application.port.out.data;

import java.util.concurrent.Executor;

/**
 * Images decoded on demand, for datasets too large to hold decoded in memory (a big folder of
 * pictures): {@link BatchStream} assembles the coming batches on {@link #workers()} while the
 * trainer runs. Implementations are thread-safe.
 */
public interface PixelSource {

    /**
     * Decodes image {@code index} into {@code target} at {@code offset} (height x width x channels bytes).
     *
     * @throws org.snas4j.application.InvalidInputException naming the file when it can no longer be read
     */
    void read(int index, byte[] target, int offset);

    /** The threads that decode ahead of the trainer. */
    Executor workers();

    /** How many of them there are: batches assembled ahead at once. */
    int parallelism();
}
