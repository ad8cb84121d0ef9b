package org.snas4j.adapter.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.trial.TrialExecutor;
import org.snas4j.application.port.out.trial.TrialHandle;
import org.snas4j.application.port.out.trial.TrialLaunch;
import org.snas4j.application.port.out.trial.TrialStatus;

/**
 * Runs trials as child processes of this machine: the same program ({@code launcher}, e.g. {@code
 * java -cp snas4j.jar org.snas4j.bootstrap.Main}) with the trial's 'search' arguments, {@code
 * parallel} at a time, each one's console output appended to its log file.
 *
 * <p>A child outlives a sweep that is killed (SIGKILL reaches only the sweep's process). Its handle
 * records its PID and start time, so the next sweep finds it still running and follows it to its end
 * instead of launching the trial a second time; the run's lock would refuse a second process anyway.
 */
public final class LocalTrialExecutor implements TrialExecutor {

    private static final Pattern HANDLE = Pattern.compile("pid (\\d+) started (\\S+)");
    /** Start times come from /proc in clock ticks; two readers may round them differently. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    private final List<String> launcher;
    private final int parallel;
    private final Duration pollInterval;
    private final Map<TrialHandle, Process> children = new ConcurrentHashMap<>();
    private final Map<TrialHandle, ProcessHandle> adopted = new ConcurrentHashMap<>();
    private final Map<TrialHandle, Path> logs = new ConcurrentHashMap<>();

    /**
     * @param launcher     the command that runs this program, its arguments to follow
     * @param parallel     trials at a time
     * @param pollInterval how often the sweep looks at its children
     */
    public LocalTrialExecutor(List<String> launcher, int parallel, Duration pollInterval) {
        this.launcher = List.copyOf(launcher);
        if (this.launcher.isEmpty()) {
            throw new IllegalArgumentException("the launcher names a program");
        }
        if (parallel < 1) {
            throw new InvalidInputException("--parallel", "must be positive, got " + parallel);
        }
        this.parallel = parallel;
        this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
    }

    /** This JVM's program again: its java binary, class path and {@code mainClass}. */
    public static List<String> sameProgram(String mainClass) {
        String java = ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-cp", System.getProperty("java.class.path"), mainClass);
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "local, %d trial%s at a time", parallel, parallel == 1 ? "" : "s");
    }

    @Override
    public int slots() {
        return parallel;
    }

    @Override
    public Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public void checkReady() {
        // A child process needs nothing this machine does not already have: the same program runs it.
    }

    @Override
    public String preview(TrialLaunch launch) {
        return command(launch).stream().map(LocalTrialExecutor::quoted).collect(Collectors.joining(" "))
                + " >> " + quoted(launch.logFile().toString()) + " 2>&1";
    }

    @Override
    public TrialHandle start(TrialLaunch launch) {
        Path log = launch.logFile();
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command(launch)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            TrialHandle handle = handleOf(process.toHandle());
            children.put(handle, process);
            logs.put(handle, log);
            return handle;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start trial " + launch.trialName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<TrialHandle> reattach(TrialLaunch launch, Optional<TrialHandle> recorded) {
        if (recorded.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = HANDLE.matcher(recorded.get().id());
        if (!m.matches()) {
            return Optional.empty();
        }
        Instant started;
        try {
            started = Instant.parse(m.group(2));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        // The same PID, started at the same moment, running this trial (named by its directory, however the sweep's was spelt): not a recycled PID.
        Optional<ProcessHandle> alive = ProcessHandle.of(Long.parseLong(m.group(1)))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant().map(s -> Duration.between(s, started).abs().compareTo(START_TOLERANCE) <= 0).orElse(false))
                .filter(p -> p.info().commandLine().map(c -> c.contains(launch.trialName())).orElse(true));
        alive.ifPresent(p -> {
            adopted.put(recorded.get(), p);
            logs.put(recorded.get(), launch.logFile());
        });
        return alive.map(p -> recorded.get());
    }

    @Override
    public TrialStatus poll(TrialHandle handle) {
        Process child = children.get(handle);
        if (child != null) {
            if (child.isAlive()) {
                return TrialStatus.running(1, "");
            }
            int exit = child.exitValue();
            return exit == 0 ? new TrialStatus(TrialStatus.Phase.SUCCEEDED, 1, "")
                    : new TrialStatus(TrialStatus.Phase.FAILED, 1, "exit code " + exit + lastLine(handle));
        }
        ProcessHandle other = adopted.get(handle);
        if (other != null && other.isAlive()) {
            return TrialStatus.running(1, "");
        }
        // Not our child: its exit code is lost to us, its run directory tells how it ended.
        return new TrialStatus(TrialStatus.Phase.ENDED, 1, "");
    }

    @Override
    public void cleanUp(TrialHandle handle) {
        children.remove(handle);
        adopted.remove(handle);
        logs.remove(handle);
    }

    @Override
    public void close() {
        // Children are left running: the next sweep follows them.
    }

    private List<String> command(TrialLaunch launch) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(launch.commandArguments(launch.runDirectory().toString()));
        return command;
    }

    private static TrialHandle handleOf(ProcessHandle process) {
        Instant started = process.info().startInstant().orElse(Instant.EPOCH);
        return new TrialHandle("pid " + process.pid() + " started " + started);
    }

    /** The log's last line (the child's one-line error, when it failed on bad input), for the failure message. */
    private String lastLine(TrialHandle handle) {
        Path log = logs.get(handle);
        if (log == null) {
            return "";
        }
        try {
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? " (log " + log + ")" : ": " + lines.get(lines.size() - 1).strip() + " (log " + log + ")";
        } catch (IOException | UncheckedIOException e) {
            return " (log " + log + ")";
        }
    }

    private static String quoted(String argument) {
        return argument.matches("[A-Za-z0-9_./:=@,+-]+") ? argument : "'" + argument.replace("'", "'\\''") + "'";
    }
}
