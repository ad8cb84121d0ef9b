package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.snas4j.application.port.in.export.ExportChildUseCase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Exports a retrained child as a TensorFlow SavedModel. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        description = {"Export a retrained child (a 'train' run directory) as a TensorFlow SavedModel for serving.",
            "Signature serving_default: input 'images' float32 [N,H,W,C] of RAW pixel values 0..255 (the model normalises them), "
                + "outputs 'logits' and 'probabilities' [N,classes]. assets.extra/snas4j-model.json records the details."})
public final class ExportCommand implements Callable<Integer>, RunsTensorFlow {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A train run directory.")
    Path run;

    @Option(names = {"--output", "-o"}, paramLabel = "DIR", required = true, description = "The SavedModel directory to create.")
    Path output;

    private final ExportChildUseCase export;

    @Inject
    ExportCommand(ExportChildUseCase export) {
        this.export = Objects.requireNonNull(export, "export");
    }

    @Override
    public Integer call() {
        export.export(run, output);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Exported " + run + " to " + output + " (SavedModel, tag serve, signature serving_default)");
        out.flush();
        return ExitCodes.OK;
    }
}
