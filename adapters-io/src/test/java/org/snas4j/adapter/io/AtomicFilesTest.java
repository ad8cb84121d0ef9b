package org.snas4j.adapter.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writeReplacesTheFileAndCreatesMissingDirectories() throws IOException {
        Path target = dir.resolve("a/b/state.properties");

        AtomicFiles.write(target, "first".getBytes());
        AtomicFiles.write(target, "second".getBytes());

        assertEquals("second", Files.readString(target));
        assertEquals(List.of(target), entries(target.getParent()), "no temporary file is left");
    }

    @Test
    void aFailedWriteNamesTheTargetAndLeavesTheOldContentAndNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("metrics.tsv"), "old");

        UncheckedIOException failure = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("No space left on device");
        }));

        assertTrue(failure.getMessage().contains(target.toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("No space left on device"), failure.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), entries(dir));
    }

    @Test
    void syncTreeFlushesANestedTree() throws IOException {
        Path root = Files.createDirectories(dir.resolve("checkpoint/variables/deeper"));
        Files.writeString(root.resolve("weights.bin"), "weights");
        Files.writeString(dir.resolve("checkpoint/state.pb"), "state");

        assertDoesNotThrow(() -> AtomicFiles.syncTree(dir.resolve("checkpoint")));
    }

    private static List<Path> entries(Path directory) throws IOException {
        try (var list = Files.list(directory)) {
            return list.toList();
        }
    }
}
