package org.snas4j.adapter.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path dir;

    @Test
    void deletesANestedTreeAndLeavesItsSiblingsAlone() throws IOException {
        Path root = dir.resolve("epoch-0001");
        Files.createDirectories(root.resolve("variables/deeper"));
        Files.writeString(root.resolve("state.pb"), "state");
        Files.writeString(root.resolve("variables/deeper/weights.bin"), "weights");
        Path sibling = Files.writeString(dir.resolve("keep.txt"), "keep");

        FileTrees.deleteRecursively(root);

        assertFalse(Files.exists(root));
        assertTrue(Files.exists(sibling));
    }

    @Test
    void reportsAMissingRoot() {
        assertThrows(NoSuchFileException.class, () -> FileTrees.deleteRecursively(dir.resolve("absent")));
    }
}
