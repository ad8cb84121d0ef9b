package org.snas4j.adapter.tensorflow.train;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a constructor acquires one piece after another (graph, session, feed tensors): when a later
 * step fails, everything acquired before it is closed, newest first, so a half-built trainer leaks no
 * native memory. On success {@link #keepAll()} hands every piece to the object being built.
 * <pre>
 * try (NativeResources acquiring = new NativeResources()) {
 *     graph = acquiring.add(new Graph());
 *     session = acquiring.add(new Session(graph));
 *     acquiring.keepAll();
 * }
 * </pre>
 */
public final class NativeResources implements AutoCloseable {

    private final Deque<AutoCloseable> acquired = new ArrayDeque<>();

    /** Holds {@code resource} until {@link #keepAll()}; returns it. */
    public <T extends AutoCloseable> T add(T resource) {
        acquired.push(resource);
        return resource;
    }

    /** Everything acquired now belongs to the caller: {@link #close()} leaves it open. */
    public void keepAll() {
        acquired.clear();
    }

    /** Closes what was acquired and not kept, newest first; a failure to close one does not stop the others. */
    @Override
    public void close() {
        RuntimeException failure = null;
        while (!acquired.isEmpty()) {
            try {
                acquired.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing a partly built TensorFlow object failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
