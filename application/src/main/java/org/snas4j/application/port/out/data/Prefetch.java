package org.snas4j.application.port.out.data;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;

/** Work done ahead on worker threads, handed over in order; a worker's failure is rethrown to the caller as it was. */
public final class Prefetch {

    private Prefetch() {
    }

    /**
     * Items {@code first} .. {@code end - 1} of {@code compute}, each computed on {@code workers}
     * while at most {@code depth} are in flight ahead of the caller.
     */
    public static <T> Iterator<T> ahead(int first, int end, IntFunction<T> compute, Executor workers, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be positive, got " + depth);
        }
        return new Iterator<>() {
            private final Deque<CompletableFuture<T>> inFlight = new ArrayDeque<>();
            private int submitted = first;
            private int delivered = first;

            @Override
            public boolean hasNext() {
                return delivered < end;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("item " + delivered + " of " + end);
                }
                while (submitted < end && inFlight.size() < depth) {
                    int item = submitted++;
                    inFlight.add(CompletableFuture.supplyAsync(() -> compute.apply(item), workers));
                }
                delivered++;
                T result = await(inFlight.poll());
                // Keep the workers busy while the caller uses this item.
                if (submitted < end) {
                    int item = submitted++;
                    inFlight.add(CompletableFuture.supplyAsync(() -> compute.apply(item), workers));
                }
                return result;
            }
        };
    }

    /** The future's value; the exception a worker threw is rethrown as it was (an InvalidInputException stays one). */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for decoded images", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("decoding failed: " + cause, cause);
        }
    }
}
