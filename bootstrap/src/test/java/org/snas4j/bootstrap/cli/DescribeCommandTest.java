package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeCommandTest {

    @Test
    void describesAPublishedGenotypeCellByCellWithItsCost() {
        CommandLineRunner result = CommandLineRunner.run("describe", "snas-moderate");

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("node 2 = dil_conv_5x5(c_{k-2}) + skip_connect(c_{k-1})"), result.out());
        assertTrue(result.out().contains("Network: 20 cells, C=36, input 32x32x3, 10 classes"), result.out());
        assertTrue(result.out().matches("(?s).*Whole network: [0-9,]+ trainable parameters \\(2\\.[6-9][0-9]M\\).*"), result.out());
        assertTrue(result.out().contains("all cells (ops only)"), result.out());
    }

    @Test
    void describesAStoredGenotypeForAnotherShape(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mild.textproto");
        Files.writeString(file, """
                form: TOP2_PER_NODE
                normal { edges { op: "sep_conv_3x3" input: 0 node: 2 } edges { op: "sep_conv_3x3" input: 1 node: 2 }
                         edges { op: "skip_connect" input: 0 node: 3 } edges { op: "dil_conv_3x3" input: 1 node: 3 }
                         edges { op: "skip_connect" input: 0 node: 4 } edges { op: "skip_connect" input: 1 node: 4 }
                         edges { op: "skip_connect" input: 0 node: 5 } edges { op: "sep_conv_3x3" input: 1 node: 5 }
                         concat: [2, 3, 4, 5] }
                reduction { edges { op: "max_pool_3x3" input: 0 node: 2 } edges { op: "max_pool_3x3" input: 1 node: 2 }
                            edges { op: "max_pool_3x3" input: 1 node: 3 } edges { op: "skip_connect" input: 2 node: 3 }
                            edges { op: "max_pool_3x3" input: 1 node: 4 } edges { op: "skip_connect" input: 2 node: 4 }
                            edges { op: "max_pool_3x3" input: 0 node: 5 } edges { op: "dil_conv_5x5" input: 2 node: 5 }
                            concat: [2, 3, 4, 5] }
                """);
        CommandLineRunner stored = CommandLineRunner.run("describe", file.toString(), "--layers", "8", "--channels", "16",
                "--input-size", "28", "--input-channels", "1");
        CommandLineRunner published = CommandLineRunner.run("describe", "snas-mild", "--layers", "8", "--channels", "16",
                "--input-size", "28", "--input-channels", "1");

        assertEquals(ExitCodes.OK, stored.exitCode(), stored.err());
        assertTrue(stored.out().contains("Network: 8 cells, C=16, input 28x28x1, 10 classes"), stored.out());
        assertEquals(published.out().lines().skip(1).toList(), stored.out().lines().skip(1).toList(),
                "the stored copy of snas-mild prices exactly like the published one");
    }

    @Test
    void refusesAnUnknownGenotypeWithOneLine() {
        CommandLineRunner result = CommandLineRunner.run("describe", "no-such-genotype");

        assertEquals(ExitCodes.INVALID_INPUT, result.exitCode());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertTrue(result.err().contains("no-such-genotype"), result.err());
    }

    @Test
    void refusesAnImpossibleShapeNamingTheFlag() {
        CommandLineRunner zeroChannels = CommandLineRunner.run("describe", "darts-v2", "--channels", "0");
        CommandLineRunner oddSize = CommandLineRunner.run("describe", "darts-v2", "--input-size", "30");

        assertEquals(ExitCodes.INVALID_INPUT, zeroChannels.exitCode());
        assertTrue(zeroChannels.err().contains("--channels: must be positive, got 0"), zeroChannels.err());
        assertEquals(ExitCodes.INVALID_INPUT, oddSize.exitCode());
        assertTrue(oddSize.err().contains("--input-size"), oddSize.err());
    }
}
