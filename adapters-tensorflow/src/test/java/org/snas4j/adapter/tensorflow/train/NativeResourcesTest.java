package org.snas4j.adapter.tensorflow.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NativeResourcesTest {

    private final List<String> closed = new ArrayList<>();

    private AutoCloseable resource(String name) {
        return () -> closed.add(name);
    }

    @Test
    void aFailedConstructionClosesWhatItAcquiredNewestFirst() {
        IllegalStateException failure = new IllegalStateException("out of memory");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (NativeResources acquiring = new NativeResources()) {
                acquiring.add(resource("graph"));
                acquiring.add(resource("session"));
                acquiring.add(resource("feeds"));
                throw failure;
            }
        });
        assertSame(failure, thrown);
        assertEquals(List.of("feeds", "session", "graph"), closed);
    }

    @Test
    void aFinishedConstructionKeepsEverything() {
        try (NativeResources acquiring = new NativeResources()) {
            acquiring.add(resource("graph"));
            acquiring.add(resource("session"));
            acquiring.keepAll();
        }
        assertEquals(List.of(), closed);
    }

    @Test
    void aResourceThatFailsToCloseDoesNotKeepTheOthersOpen() {
        NativeResources acquiring = new NativeResources();
        acquiring.add(resource("graph"));
        acquiring.add(() -> {
            throw new IllegalArgumentException("already closed");
        });
        acquiring.add(resource("feeds"));
        IllegalStateException e = assertThrows(IllegalStateException.class, acquiring::close);
        assertEquals(List.of("feeds", "graph"), closed);
        assertEquals("already closed", e.getCause().getMessage());
    }
}
