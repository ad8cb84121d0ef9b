package org.snas4j.bootstrap.console;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts TensorFlow without its native start-up notices on the console (unless {@code --verbose}).
 *
 * <p>They cannot be switched off from Java: {@code TF_CPP_MIN_LOG_LEVEL} is read by the native
 * library from the process environment, which a JVM cannot change for itself (System.setProperty is
 * not the environment), and it does not reach the notices TensorFlow writes through absl logging
 * (the absl::InitializeLog warning and the MLIR line). A launcher script or re-executing the JVM with
 * another environment would change how users start snas4j and how signals reach the run. So the
 * start-up itself runs with the process's standard error captured ({@link StandardErrorCapture}):
 * the notices of INFO level are dropped, anything else (warnings, errors) is passed on, and if the
 * start-up fails everything captured is shown. The same filter runs around the building of networks
 * (whose gradients log a notice per custom-gradient op) and traced steps; other native output is
 * untouched, and {@code --verbose} ({@link #showNotices}) lets everything through.
 */
public final class QuietNativeStartup {

    private static final Logger LOG = LoggerFactory.getLogger(QuietNativeStartup.class);

    /** "2026-11-29 16:39:30.714774: I tensorflow/..." (TensorFlow's own logging). */
    private static final Pattern TENSORFLOW = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: ([IWEF]) .*");
    /** "I0000 00:00:1795970386.385470    3544 file.cc:401] ..." (absl logging). */
    private static final Pattern ABSL = Pattern.compile("^([IWEF])\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d+\\s+\\d+ \\S+:\\d+\\] .*");
    private static final String ABSL_UNINITIALISED = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";
    /** Every traced step's warning that a CPU-only trace holds no GPU part: true and of no use on a CPU. */
    private static final String NO_GPU_TRACE = "xplane_to_step_stats.cc:78] GPU trace was not collected.";

    private static volatile boolean showNotices;

    private QuietNativeStartup() {
    }

    /** Whether native notices pass unfiltered ({@code --verbose}); set by the command line before a command runs. */
    public static void showNotices(boolean show) {
        showNotices = show;
    }

    /**
     * Runs {@code startUp}, hiding the informational lines it writes to standard error. Also used
     * around traced steps ({@code bench --profile}), whose profiler writes three notices per step.
     */
    public static void run(Runnable startUp) {
        call(() -> {
            startUp.run();
            return null;
        });
    }

    /** As {@link #run(Runnable)}, for work with a result. */
    public static <T> T call(Supplier<T> work) {
        if (showNotices) {
            return work.get();
        }
        if (!StandardErrorCapture.available()) {
            LOG.debug("standard error cannot be captured in this JVM (java --add-opens java.base/sun.nio.ch=ALL-UNNAMED allows it)");
            return work.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        StandardErrorCapture.Captured captured = StandardErrorCapture.capture(() -> result.set(work.get()));
        if (captured.failure() != null) {
            System.err.print(captured.text());
            System.err.flush();
            throw captured.failure();
        }
        System.err.print(withoutNotices(captured.text()));
        System.err.flush();
        return result.get();
    }

    /**
     * Native log output without its informational records. A record is a line with TensorFlow's or
     * absl's prefix and the lines that follow it without one (a notice may span two lines).
     */
    static String withoutNotices(String nativeOutput) {
        List<String> kept = new ArrayList<>();
        boolean keep = true;
        for (String line : nativeOutput.split("\n", -1)) {
            Matcher tensorFlow = TENSORFLOW.matcher(line);
            Matcher absl = ABSL.matcher(line);
            if (tensorFlow.matches()) {
                keep = !tensorFlow.group(1).equals("I") && !line.endsWith(NO_GPU_TRACE);
            } else if (absl.matches()) {
                keep = !absl.group(1).equals("I");
            } else if (line.equals(ABSL_UNINITIALISED)) {
                keep = false;
            }
            if (keep) {
                kept.add(line);
            }
        }
        return String.join("\n", kept);
    }
}
