package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.snas4j.application.port.in.report.ReportRunsUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes one self-contained HTML page about one or more runs. */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page about search and train runs (or a study's runs): the final figures, "
                + "curves, alpha per edge over the epochs, the cells (drawn by Graphviz's `dot` when installed), the configuration "
                + "and the provenance. Several runs: a comparison table and their curves overlaid.",
            "The page opens from disk in any browser; a run may still be running."})
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "Search or train run directories, or study directories.")
    List<Path> runs;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "The HTML file to write (default: RUN_DIR/report.html "
            + "for one directory, ./report.html for several).")
    Path output;

    private final ReportRunsUseCase report;

    @Inject
    ReportCommand(ReportRunsUseCase report) {
        this.report = Objects.requireNonNull(report, "report");
    }

    /** The summary line of a finished run that says how to see it. */
    static String pointer(CommandSpec finished, Path runDirectory) {
        return String.format(Locale.ROOT, "  curves, alpha and cells: %s report %s (an HTML page); live: tensorboard --logdir %s%n",
                finished.root().name(), runDirectory, runDirectory);
    }

    @Override
    public Integer call() {
        Path written = report.report(runs, Optional.ofNullable(output));
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + written + " (open it in a browser)");
        out.flush();
        return ExitCodes.OK;
    }
}
