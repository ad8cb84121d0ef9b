package org.snas4j.application.service.data;

import java.util.Iterator;
import java.util.function.IntConsumer;
import org.snas4j.application.port.out.data.Batch;

/** Batches that report each one as it is handed out (1-based), so a long evaluation pass can show its progress. */
public final class CountedBatches {

    private CountedBatches() {
    }

    public static Iterable<Batch> counting(Iterable<Batch> batches, IntConsumer handedOut) {
        return () -> {
            Iterator<Batch> all = batches.iterator();
            return new Iterator<>() {
                private int count;

                @Override
                public boolean hasNext() {
                    return all.hasNext();
                }

                @Override
                public Batch next() {
                    Batch batch = all.next();
                    handedOut.accept(++count);
                    return batch;
                }
            };
        };
    }
}
