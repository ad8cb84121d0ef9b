package org.snas4j.adapter.storage.dataset.folder;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that decode pictures, one per core: shared by every folder the process reads, daemon
 * threads so that they never keep it alive.
 */
final class DecodingWorkers {

    static final int COUNT = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final ExecutorService SHARED = Executors.newFixedThreadPool(COUNT, new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger created = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "snas4j-decode-" + created.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    private DecodingWorkers() {
    }

    static ExecutorService shared() {
        return SHARED;
    }
}
