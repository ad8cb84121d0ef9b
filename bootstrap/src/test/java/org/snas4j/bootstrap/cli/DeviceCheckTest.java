package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.adapter.tensorflow.device.TensorFlowDevices;
import org.snas4j.application.port.out.device.Device;

/** Asking for a GPU that TensorFlow does not see fails before any work, in one line, writing nothing, in every command with --device. */
class DeviceCheckTest {

    private static final String REFUSAL = "snas4j: --device: gpu requested, but TensorFlow sees only CPU:0: this jar is the CPU build "
            + "(TensorFlow native linux-x86_64)";

    @TempDir
    Path dir;

    @BeforeAll
    static void onlyWithoutAGpu() {
        assumeFalse(new TensorFlowDevices().inventory().devices().contains(Device.GPU), "this machine has a GPU");
    }

    @Test
    void searchOnAMissingGpuExitsTwoWithOneLineAndCreatesNoRunDirectory() {
        Path output = dir.resolve("search");
        // Tiny settings: should the check be missing, the search that starts instead ends soon.
        CommandLineRunner result = CommandLineRunner.run(SearchCommandTest.concat(
                new String[] {"search", "--device", "gpu", "--epochs", "1", "--output", output.toString()}, SearchCommandTest.TINY));
        assertRefusedWithoutWriting(result, output);
    }

    @Test
    void trainOnAMissingGpuExitsTwoWithOneLineAndCreatesNoRunDirectory() {
        Path output = dir.resolve("train");
        CommandLineRunner result = CommandLineRunner.run(SearchCommandTest.concat(
                new String[] {"train", "--genotype", "darts-v2", "--device", "GPU", "--epochs", "1", "--output", output.toString()},
                ChildCommandsTest.TINY));
        assertRefusedWithoutWriting(result, output);
    }

    @Test
    void aStudyOnAMissingGpuExitsTwoWithOneLineAndCreatesNoDirectory() {
        // Its --device sits inside the SearchOptions mixin.
        Path output = dir.resolve("study");
        CommandLineRunner result = CommandLineRunner.run(SearchCommandTest.concat(new String[] {"study", "--device", "gpu", "--searches", "1",
                "--random-cells", "0", "--published", "none", "--epochs", "1", "--train-epochs", "1", "--output", output.toString()},
                SearchCommandTest.TINY));
        assertRefusedWithoutWriting(result, output);
    }

    @Test
    void evaluateOnAMissingGpuExitsTwoWithOneLine() {
        Path run = dir.resolve("no-such-run");
        CommandLineRunner result = CommandLineRunner.run("evaluate", "--device", "gpu", "--threads", "1", run.toString());
        assertRefusedWithoutWriting(result, run);
    }

    @Test
    void predictOnAMissingGpuExitsTwoWithOneLine() {
        Path model = dir.resolve("no-such-model");
        CommandLineRunner result = CommandLineRunner.run("predict", "--device", "gpu", "--threads", "1", "--model", model.toString(),
                dir.resolve("images.idx").toString());
        assertRefusedWithoutWriting(result, model);
    }

    @Test
    void helpDoesNotProbeOrRefuse() {
        CommandLineRunner result = CommandLineRunner.run("evaluate", "--device", "gpu", "--help");
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        assertTrue(result.out().contains("--threads"), result.out());
    }

    private static void assertRefusedWithoutWriting(CommandLineRunner result, Path output) {
        assertEquals(ExitCodes.INVALID_INPUT, result.exitCode(), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().startsWith(REFUSAL), result.err());
        assertEquals("", result.out());
        assertFalse(Files.exists(output), "no run directory");
    }
}
