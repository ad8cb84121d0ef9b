package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.SearchArchitectureUseCase;
import org.snas4j.application.search.EpochMetrics;
import org.snas4j.application.search.SearchConfiguration;
import org.snas4j.application.search.SearchOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs (or resumes) an SNAS search. */
@Command(name = "search",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Search a cell architecture with SNAS: weights and architecture logits trained together with one loss.",
            "With no options it searches on the bundled Fashion-MNIST subset with settings sized for a laptop CPU."})
public final class SearchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SearchOptions options = new SearchOptions();

    @Option(names = {"--output", "-o"}, paramLabel = "DIR", description = "Run directory to create (default: runs/search-<date-time>).")
    Path output;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue a killed or stopped run from its last checkpoint; other options are ignored.")
    Path resume;

    @Option(names = "--resume-existing", description = "With --output: when that directory already holds a run, continue it from its last "
            + "checkpoint (its recorded settings win) instead of refusing. What a sweep's trial does when its pod is retried.")
    boolean resumeExisting;

    private final SearchArchitectureUseCase search;

    @Inject
    SearchCommand(SearchArchitectureUseCase search) {
        this.search = Objects.requireNonNull(search, "search");
    }

    @Override
    public Integer call() {
        String commandLine = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        SearchOutcome outcome;
        if (resume != null) {
            outcome = search.resume(resume, commandLine);
        } else if (resumeExisting) {
            if (output == null) {
                throw new InvalidInputException("--resume-existing", "needs --output: the directory to continue or start");
            }
            outcome = search.searchOrResume(configuration(), output, commandLine);
        } else {
            outcome = search.search(configuration(), outputDirectory(), commandLine);
        }
        PrintWriter out = spec.commandLine().getOut();
        EpochMetrics last = outcome.last();
        out.printf(Locale.ROOT, "Search finished: %s%n", outcome.runDirectory());
        out.printf(Locale.ROOT, "  child (edge-all, not retrained) held-out accuracy %.2f%%, supernet %.2f%%%n",
                100 * last.childAccuracy(), 100 * last.supernetAccuracy());
        out.printf(Locale.ROOT, "  parameter-free edges %d of 28; genotypes in %s%n", last.parameterFreeEdges(),
                outcome.runDirectory().resolve("genotypes"));
        out.flush();
        return ExitCodes.OK;
    }

    SearchConfiguration configuration() {
        return options.configuration();
    }

    private Path outputDirectory() {
        if (output != null) {
            return output;
        }
        return Path.of("runs", "search-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }
}
