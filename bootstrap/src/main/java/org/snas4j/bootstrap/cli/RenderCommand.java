package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.adapter.storage.report.Graphviz;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.service.describe.GenotypeCatalog;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeDot;
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
            "Parameter-free edges (pools, skip) are dashed; none edges, which carry nothing, are left out."})
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
    public Integer call() {
        if (!List.of("dot", "png", "svg").contains(format)) {
            throw new InvalidInputException("--format", "unknown format '" + format + "' (expected dot, png or svg)");
        }
        Genotype resolved = catalog.resolve(genotype);
        PrintWriter out = spec.commandLine().getOut();
        List<Path> written = new ArrayList<>();
        for (CellKind kind : CellKind.values()) {
            String dot = GenotypeDot.render(resolved.cell(kind), kind);
            Path dotFile = output.resolve(kind.id() + ".dot");
            AtomicFiles.write(dotFile, dot.getBytes(StandardCharsets.UTF_8));
            written.add(dotFile);
            if (!format.equals("dot")) {
                Path picture = output.resolve(kind.id() + "." + format);
                AtomicFiles.write(picture, draw(dot));
                written.add(picture);
            }
        }
        written.forEach(p -> out.println("wrote " + p));
        out.flush();
        return ExitCodes.OK;
    }

    private byte[] draw(String dot) {
        try {
            return Graphviz.draw(dot, format);
        } catch (Graphviz.NotInstalledException e) {
            throw new InvalidInputException("--format", e.getMessage() + "; use --format dot, or install graphviz");
        }
    }
}
