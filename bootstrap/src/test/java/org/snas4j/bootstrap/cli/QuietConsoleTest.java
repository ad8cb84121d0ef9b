package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.bootstrap.Main;

/**
 * A command that starts TensorFlow, in a fresh JVM as a user runs it: without {@code --verbose} its
 * standard error holds our one line and none of TensorFlow's native start-up notices; with it, they
 * are there; the same for the notices of building a network. Slow (JVMs that load TensorFlow): the {@code slow} profile, which .ci/run runs.
 */
@Tag("slow")
class QuietConsoleTest {

    @Test
    void tensorFlowsStartUpNoticesShowOnlyWithVerbose(@TempDir Path dir) throws Exception {
        String missing = dir.resolve("no-such-run").toString();

        String quiet = stderrOf(ExitCodes.INVALID_INPUT, "evaluate", missing);
        String verbose = stderrOf(ExitCodes.INVALID_INPUT, "--verbose", "evaluate", missing);

        assertEquals(1, quiet.strip().lines().count(), "one line, no native notice: " + quiet);
        assertTrue(quiet.startsWith("snas4j: " + missing + ": "), quiet);
        assertTrue(verbose.contains("cpu_feature_guard") || verbose.contains("oneDNN"), "the notices TensorFlow writes: " + verbose);
    }

    @Test
    void buildingANetworksGradientsLogsNoNoticePerFiveByFiveConvolution() throws Exception {
        String[] bench = {"bench", "--layers", "3", "--channels", "4", "--input-size", "8", "--batch", "4", "--steps", "1",
                "--warmup", "1", "--matmul-size", "0"};
        String verboseFlag = "--verbose";
        List<String> verboseBench = new ArrayList<>(List.of(verboseFlag));
        verboseBench.addAll(List.of(bench));

        String quiet = stderrOf(ExitCodes.OK, bench);
        String verbose = stderrOf(ExitCodes.OK, verboseBench.toArray(new String[0]));

        String notice = "Calling Java gradient function";
        assertTrue(verbose.contains(notice), "TensorFlow Java logs its custom-gradient calls: " + verbose);
        assertTrue(!quiet.contains(notice) && !quiet.contains("cpu_feature_guard"), "no native notice: " + quiet);
    }

    /** Standard error of snas4j in a new JVM, started as the jar's manifest starts it. */
    private static String stderrOf(int exitCode, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(exitCode, process.exitValue(), stderr);
        return stderr;
    }
}
