package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.snas4j.adapter.kubernetes.KubernetesSettings;
import org.snas4j.adapter.kubernetes.KubernetesTrialExecutor;
import org.snas4j.adapter.process.LocalTrialExecutor;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.device.DeviceCheck;
import org.snas4j.application.port.in.sweep.RunSweepUseCase;
import org.snas4j.application.port.in.sweep.SweepPlan;
import org.snas4j.application.port.in.sweep.SweepSummary;
import org.snas4j.application.port.out.Device;
import org.snas4j.application.port.out.trial.TrialExecutor;
import org.snas4j.application.port.out.trial.TrialState;
import org.snas4j.application.service.sweep.SweepReport;
import org.snas4j.bootstrap.Main;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** Many searches at once: a grid of seeds, constraints and any search flag, run here or as Kubernetes Jobs. */
@Command(name = "sweep",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Runs a grid of independent searches: every 'search' flag below takes one value or a comma-separated list, "
                + "and every combination of the lists is one trial (e.g. --seed 1..3 --constraint mild,moderate: 6 trials). "
                + "Each trial is a normal search run directory inside the sweep directory; sweep.textproto records the grid and each "
                + "trial's state.",
            "The same command with the same --output continues a stopped sweep: finished trials are kept, trials still running "
                + "followed, interrupted ones resumed with 'search --resume'. When all trials have ended, and at any time with "
                + "--summary DIR: summary.md/.csv (held-out child accuracy, expected and actual parameters and FLOPs), the Pareto "
                + "front of accuracy against parameters (front.png), and the best genotype per constraint copied to the top "
                + "(best-CONSTRAINT-{edge-all,top2}.*).",
            "--executor local runs --parallel trials at a time as child processes of this program, the cores split between them; "
                + "--executor kubernetes submits one Job per trial running --image, the sweep directory on --volume-claim."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every trial finished", "1:a trial failed (run the same command again to resume it)",
            "2:invalid flag, grid or sweep directory; nothing launched"})
public final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"--output", "-o"}, paramLabel = "DIR", description = "Sweep directory: created, or continued when it holds this "
            + "sweep (default: runs/sweep-<date-time>). With the kubernetes executor, where --volume-claim is mounted here.")
    Path output;

    @Option(names = "--summary", paramLabel = "DIR", description = "Only summarise the sweep in DIR as its files stand now (also while "
            + "it runs): the table, the front and the best genotypes. Give it alone.")
    Path summary;

    @Option(names = "--executor", paramLabel = "KIND", description = "local or kubernetes (default: ${DEFAULT-VALUE}).")
    String executor = "local";

    @Option(names = "--parallel", paramLabel = "N", description = "Trials at a time (default: ${DEFAULT-VALUE}).")
    int parallel = 1;

    @Option(names = "--dry-run", description = "Print what would be launched (local: the command lines; kubernetes: the Job manifests as "
            + "YAML) without writing or launching anything.")
    boolean dryRun;

    @Option(names = "--device", paramLabel = "DEVICE", description = "cpu or gpu for every trial; gpu on Kubernetes requests nvidia.com/gpu "
            + "(default: ${DEFAULT-VALUE}).")
    String device = "cpu";

    @Option(names = "--threads", paramLabel = "N", description = "TensorFlow threads per trial (default: local: the cores divided by "
            + "--parallel; kubernetes: the --cpu request, else all cores the container sees).")
    Integer threads;

    @Mixin
    KubernetesOptions kubernetes = new KubernetesOptions();

    private final SweepGrid grid = new SweepGrid();
    private final RunSweepUseCase sweeps;
    private final DeviceCheck deviceCheck;

    @Inject
    SweepCommand(RunSweepUseCase sweeps, DeviceCheck deviceCheck) {
        this.sweeps = Objects.requireNonNull(sweeps, "sweeps");
        this.deviceCheck = Objects.requireNonNull(deviceCheck, "deviceCheck");
    }

    /**
     * Adds this command to {@code parent} with every search flag as a list-capable flag, and makes
     * its parse errors (an unknown flag in the grid, a value of the wrong type) one line.
     */
    public void register(CommandLine parent) {
        parent.addSubcommand(this);
        grid.addTo(parent.getSubcommands().get("sweep").getCommandSpec());
    }

    @Override
    public Integer call() {
        ParseResult parsed = spec.commandLine().getParseResult();
        PrintWriter out = spec.commandLine().getOut();
        if (summary != null) {
            refuseWithSummary(parsed);
            SweepSummary result = sweeps.summarize(summary);
            printSummary(out, result);
            return ExitCodes.OK;
        }
        Device trialDevice = DeviceOptions.parse(device);
        Path directory = output != null ? output
                : Path.of("runs", "sweep-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        boolean onKubernetes = kind().equals("kubernetes");
        List<String> kubernetesFlags = KubernetesOptions.given(spec, parsed);
        if (!onKubernetes && !kubernetesFlags.isEmpty()) {
            throw new InvalidInputException(kubernetesFlags.get(0), "is a flag of --executor kubernetes, not of --executor " + kind());
        }
        if (parsed.hasMatchedOption("--constraint") && parsed.hasMatchedOption("--lambda")) {
            throw new InvalidInputException("--lambda", "conflicts with --constraint: give the penalty as levels (--constraint) or as "
                    + "weights (--lambda), not both");
        }
        List<String> placement = trialDevice == Device.CPU ? List.of() : List.of("--device", trialDevice.name().toLowerCase(Locale.ROOT));
        SweepPlan plan = grid.plan(parsed, placement);
        String commandLine = String.join(" ", parsed.originalArgs());
        if (onKubernetes) {
            KubernetesSettings settings = kubernetes.settings(directory, parallel);
            int trialThreads = threads != null ? threads : settings.cpuThreads();
            try (TrialExecutor jobs = new KubernetesTrialExecutor(settings)) {
                return dryRun ? printPreviews(out, plan, directory, jobs, trialThreads, "---")
                        : report(out, sweeps.run(plan, directory, jobs, trialThreads, commandLine));
            }
        }
        if (parallel < 1) {
            throw new InvalidInputException("--parallel", "must be positive, got " + parallel);
        }
        int trialThreads = threads != null ? threads : Math.max(1, Runtime.getRuntime().availableProcessors() / parallel);
        try (TrialExecutor children = new LocalTrialExecutor(LocalTrialExecutor.sameProgram(Main.class.getName()), parallel,
                Duration.ofSeconds(1))) {
            if (dryRun) {
                return printPreviews(out, plan, directory, children, trialThreads, "");
            }
            // A GPU asked of this machine must be here before anything is launched (on Kubernetes the pod checks its own).
            deviceCheck.requireAvailable(trialDevice);
            return report(out, sweeps.run(plan, directory, children, trialThreads, commandLine));
        }
    }

    private String kind() {
        String kind = executor.toLowerCase(Locale.ROOT);
        if (!kind.equals("local") && !kind.equals("kubernetes")) {
            throw new InvalidInputException("--executor", "unknown executor '" + executor + "' (expected local or kubernetes)");
        }
        return kind;
    }

    private void refuseWithSummary(ParseResult parsed) {
        List<String> others = new ArrayList<>();
        for (var option : parsed.matchedOptions()) {
            String name = option.longestName();
            if (!name.equals("--summary")) {
                others.add(name);
            }
        }
        if (!others.isEmpty()) {
            throw new InvalidInputException(others.get(0), "conflicts with --summary, which only reads a sweep; give --summary DIR alone");
        }
    }

    private int printPreviews(PrintWriter out, SweepPlan plan, Path directory, TrialExecutor executor, int trialThreads, String separator) {
        List<RunSweepUseCase.TrialPreview> previews = sweeps.preview(plan, directory, executor, trialThreads);
        out.printf(Locale.ROOT, "# %d of %d trials would be launched (%s); nothing was written or launched%n", previews.size(),
                plan.trials().size(), executor.description());
        for (RunSweepUseCase.TrialPreview preview : previews) {
            if (!separator.isEmpty()) {
                out.println(separator);
            }
            out.printf(Locale.ROOT, "# trial %s (%s)%n", preview.trialName(), preview.resume() ? "resumed" : "new");
            out.println(preview.text().stripTrailing());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int report(PrintWriter out, SweepSummary result) {
        long failed = result.count(TrialState.FAILED);
        out.printf(Locale.ROOT, "Sweep %s finished: %s (%d trials, %d finished, %d failed)%n%n", result.sweepId(), result.directory(),
                result.trials().size(), result.count(TrialState.SUCCEEDED), failed);
        printSummary(out, result);
        if (failed > 0) {
            out.printf(Locale.ROOT, "%d trial%s failed (see summary.md and logs/); run the same command again to resume %s%n", failed,
                    failed == 1 ? "" : "s", failed == 1 ? "it" : "them");
            out.flush();
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }

    private static void printSummary(PrintWriter out, SweepSummary result) {
        out.println(SweepReport.tables(result));
        out.println("Written: " + String.join(", ", result.files().stream().map(f -> result.directory().resolve(f).toString()).toList()));
        out.flush();
    }
}
