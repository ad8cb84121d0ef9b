package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DefaultOutputTest {

    @Test
    void aRunWithoutOutputGoesUnderRunsNamedByItsKindAndStart() {
        assertEquals(Path.of("runs", "search-20260102-030405"), DefaultOutput.of("search", LocalDateTime.of(2026, 1, 2, 3, 4, 5)));
    }

    @Test
    void aGivenOutputIsKept() {
        assertEquals(Path.of("mine"), DefaultOutput.orDefault(Path.of("mine"), "train"));
        assertEquals(Path.of("runs"), DefaultOutput.orDefault(null, "study").getParent());
    }
}
