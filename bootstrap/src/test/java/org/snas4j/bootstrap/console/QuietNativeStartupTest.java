package org.snas4j.bootstrap.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuietNativeStartupTest {

    /** What TensorFlow 1.1.0 writes when it starts, as seen on this project's machine. */
    private static final String START_UP = """
            2026-11-29 16:39:30.714774: I tensorflow/core/util/port.cc:153] oneDNN custom operations are on. You may see slightly different numerical results due to floating-point round-off errors from different computation orders. To turn them off, set the environment variable `TF_ENABLE_ONEDNN_OPTS=0`.
            2026-11-29 16:39:44.425627: I tensorflow/core/platform/cpu_feature_guard.cc:210] This TensorFlow binary is optimized to use available CPU instructions in performance-critical operations.
            To enable the following instructions: AVX2 AVX512F AVX512_VNNI AVX512_BF16 AVX_VNNI FMA, in other operations, rebuild TensorFlow with the appropriate compiler flags.
            WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
            I0000 00:00:1795970386.385470    3544 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled
            """;

    @Test
    void tensorFlowsStartUpNoticesAreAllDropped() {
        assertEquals("", QuietNativeStartup.withoutNotices(START_UP).strip());
    }

    @Test
    void warningsAndErrorsWithTheirFollowingLinesAreKept() {
        String warning = "2026-11-29 16:39:44.425627: W tensorflow/core/framework/op_kernel.cc:1840] out of memory\nsecond line";
        String absl = "E0000 00:00:1795970386.385470    3544 device.cc:12] no GPU";

        assertEquals(warning + "\n" + absl + "\n", QuietNativeStartup.withoutNotices(START_UP + warning + "\n" + absl + "\n"));
    }

    @Test
    void aTracedStepsProfilerNoticesAreDroppedButOtherWarningsKept() {
        String tracedStep = """
                2026-12-07 12:18:45.326123: I external/local_tsl/tsl/profiler/lib/profiler_session.cc:68] Profiler session collecting data.
                2026-12-07 12:18:45.326230: W tensorflow/core/profiler/convert/xplane_to_step_stats.cc:78] GPU trace was not collected.
                2026-12-07 12:18:45.327485: I external/local_tsl/tsl/profiler/lib/profiler_session.cc:130] Profiler session tear down.
                """;
        String otherWarning = "2026-12-07 12:18:46.000000: W tensorflow/core/profiler/convert/xplane_to_step_stats.cc:90] trace incomplete";

        assertEquals(otherWarning, QuietNativeStartup.withoutNotices(tracedStep + otherWarning + "\n" + tracedStep));
    }

    @Test
    void whatNativeCodeWritesToFileDescriptorTwoIsCapturedAndItIsRestoredAfterwards() {
        assertTrue(StandardErrorCapture.available(), "the build opens java.base/sun.nio.ch to the tests, as the jar's manifest does");

        StandardErrorCapture.Captured captured = StandardErrorCapture.capture(() -> writeToFileDescriptorTwo("written to fd 2\n"));

        assertEquals("written to fd 2\n", captured.text());
        StandardErrorCapture.Captured after = StandardErrorCapture.capture(() -> { });
        assertEquals("", after.text(), "the first capture ended: nothing of it leaks into the next");
    }

    @Test
    void aFailingStartUpIsRethrownAfterItsOutputIsShown() {
        IllegalStateException failure = new IllegalStateException("no native library");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> QuietNativeStartup.run(() -> {
            writeToFileDescriptorTwo("2026-11-29 16:39:30.714774: I tensorflow/x.cc:1] loading\n");
            throw failure;
        }));

        assertSame(failure, thrown);
    }

    /** Writes as native code does: straight to file descriptor 2, past System.err. */
    private static void writeToFileDescriptorTwo(String text) {
        try {
            FileOutputStream fd2 = new FileOutputStream(FileDescriptor.err);
            fd2.write(text.getBytes(StandardCharsets.UTF_8));
            fd2.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
