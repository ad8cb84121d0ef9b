package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.service.describe.GenotypeCatalog;
import org.snas4j.application.service.describe.GenotypeDot;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.space.CellKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Draws a genotype's cells as Graphviz pictures. */
@Command(name = "render",
        mixinStandardHelpOptions = true,
        description = {"Draw the normal and reduction cell of a genotype as Graphviz DOT files, and as PNG or SVG pictures "
                + "when Graphviz's `dot` is installed (Debian: apt-get install graphviz).",
            "Parameter-free edges (none, pools, skip) are dashed."})
public final class RenderCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GENOTYPE", description = "Published name, genotype file or run directory.")
    String genotype;

    @Option(names = {"--output", "-o"}, paramLabel = "DIR", description = "Directory for normal.dot and reduction.dot (default: ${DEFAULT-VALUE}).")
    Path output = Path.of(".");

    @Option(names = "--format", paramLabel = "FORMAT", description = "dot, png or svg (default: ${DEFAULT-VALUE}).")
    String format = "png";

    private final GenotypeCatalog catalog;

    @Inject
    RenderCommand(GenotypeCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!List.of("dot", "png", "svg").contains(format)) {
            throw new InvalidInputException("--format", "unknown format '" + format + "' (expected dot, png or svg)");
        }
        Genotype resolved = catalog.resolve(genotype);
        Files.createDirectories(output);
        PrintWriter out = spec.commandLine().getOut();
        List<Path> written = new ArrayList<>();
        for (CellKind kind : CellKind.values()) {
            Path dotFile = output.resolve(kind.id() + ".dot");
            Files.writeString(dotFile, GenotypeDot.render(resolved.cell(kind), kind), StandardCharsets.UTF_8);
            written.add(dotFile);
            if (!format.equals("dot")) {
                written.add(renderWithGraphviz(dotFile, output.resolve(kind.id() + "." + format)));
            }
        }
        written.forEach(p -> out.println("wrote " + p));
        out.flush();
        return ExitCodes.OK;
    }

    private Path renderWithGraphviz(Path dotFile, Path picture) throws IOException, InterruptedException {
        Process dot;
        try {
            dot = new ProcessBuilder("dot", "-T" + format, "-o", picture.toString(), dotFile.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new InvalidInputException("--format", "Graphviz `dot` is not installed; use --format dot, or install graphviz");
        }
        String messages = new String(dot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!dot.waitFor(60, TimeUnit.SECONDS) || dot.exitValue() != 0) {
            throw new IOException(String.format(Locale.ROOT, "dot failed on %s: %s", dotFile, messages.strip()));
        }
        return picture;
    }
}
