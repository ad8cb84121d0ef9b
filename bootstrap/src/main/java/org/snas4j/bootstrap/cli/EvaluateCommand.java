package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.snas4j.application.port.in.evaluate.EvaluateChildUseCase;
import org.snas4j.application.port.in.evaluate.SearchChildEvaluation;
import org.snas4j.application.port.in.evaluate.TrainedChildEvaluation;
import org.snas4j.application.port.in.retrain.ChildEvaluation;
import org.snas4j.domain.genotype.GenotypeStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Test-set figures of a trained child, or of a search run's supernet and children without retraining. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {"Measure a network on the test set: top-1, top-5 (more than 5 classes) and loss.",
            "RUN_DIR from 'train': the retrained child at its newest checkpoint.",
            "RUN_DIR from 'search': the supernet (sampled Z) and its derived children (edge-all and top-2, one-hot Z) "
                + "WITHOUT retraining, from the search's newest checkpoint."})
public final class EvaluateCommand implements Callable<Integer>, RunsTensorFlow, SettingFlags {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A train or search run directory.")
    Path run;

    @Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    private final EvaluateChildUseCase evaluate;

    @Inject
    EvaluateCommand(EvaluateChildUseCase evaluate) {
        this.evaluate = Objects.requireNonNull(evaluate, "evaluate");
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (evaluate.holdsRetrainedChild(run)) {
            TrainedChildEvaluation e = evaluate.evaluateTrained(run, deviceOptions.device(), deviceOptions.threads());
            out.printf(Locale.ROOT, "Retrained child %s (%s, %d of %d epochs, %,d parameters) on the test set:%n", run,
                    e.run().configuration().genotypeSource(), e.completedEpochs(), e.run().configuration().epochs(), e.parameters());
            header(out);
            row(out, "retrained child", e.test());
        } else {
            SearchChildEvaluation e = evaluate.evaluateSearch(run, deviceOptions.device(), deviceOptions.threads());
            out.printf(Locale.ROOT, "Search run %s after %d epochs (tau %.3f), on the test set, WITHOUT retraining:%n", run,
                    e.completedEpochs(), e.temperature());
            header(out);
            row(out, "supernet (sampled Z)", e.supernet());
            row(out, "child, edge-all", e.edgeAll());
            row(out, "child, top-2", e.top2());
            out.printf(Locale.ROOT, "Parameter-free edges: edge-all %d of 28, top-2 %d of 16%n",
                    GenotypeStatistics.parameterFreeEdges(e.edgeAllGenotype()), GenotypeStatistics.parameterFreeEdges(e.top2Genotype()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    @Override
    public Optional<String> flagOf(String setting) {
        return SettingFlags.of(DeviceOptions.flags()).flagOf(setting);
    }

    private static void header(PrintWriter out) {
        out.printf(Locale.ROOT, "  %-22s %8s %8s %8s %7s%n", "network", "top-1", "top-5", "loss", "images");
    }

    private static void row(PrintWriter out, String name, ChildEvaluation e) {
        String top5 = e.top5().isPresent() ? String.format(Locale.ROOT, "%7.2f%%", 100 * e.top5().getAsDouble()) : "       -";
        out.printf(Locale.ROOT, "  %-22s %7.2f%% %s %8.4f %7d%n", name, 100 * e.top1(), top5, e.loss(), e.examples());
    }
}
