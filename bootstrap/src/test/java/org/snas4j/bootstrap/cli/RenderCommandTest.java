package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void writesADotFilePerCell(@TempDir Path dir) throws Exception {
        CommandLineRunner result = CommandLineRunner.run("render", "snas-aggressive", "--format", "dot", "-o", dir.toString());

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(Files.readString(dir.resolve("normal.dot")).startsWith("digraph normal_cell"));
        String reduction = Files.readString(dir.resolve("reduction.dot"));
        // none edges carry nothing: left out of the picture, their number said in the cell's label.
        assertFalse(reduction.contains("label=\"none\""), reduction);
        assertTrue(reduction.contains("none edge"), reduction);
    }

    @Test
    void drawsPngPicturesWithGraphviz(@TempDir Path dir) throws Exception {
        assumeTrue(graphvizInstalled(), "Graphviz is installed by .ci/run");

        CommandLineRunner result = CommandLineRunner.run("render", "darts-v2", "-o", dir.toString());

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        for (String cell : new String[] {"normal", "reduction"}) {
            byte[] png = Files.readAllBytes(dir.resolve(cell + ".png"));
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 4), cell);
        }
    }

    private static boolean graphvizInstalled() {
        try {
            return new ProcessBuilder("dot", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void refusesAnUnknownFormat(@TempDir Path dir) {
        CommandLineRunner result = CommandLineRunner.run("render", "darts-v2", "--format", "bmp", "-o", dir.resolve("out").toString());

        assertEquals(ExitCodes.INVALID_INPUT, result.exitCode());
        assertTrue(result.err().contains("--format: unknown format 'bmp'"), result.err());
        assertTrue(Files.notExists(dir.resolve("out")));
    }
}
