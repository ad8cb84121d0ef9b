package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.snas4j.application.port.in.describe.DescribeGenotypeUseCase;
import org.snas4j.application.port.in.describe.GenotypeDescription;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.space.NetworkShape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints a genotype cell by cell, priced for a network shape. */
@Command(name = "describe",
        mixinStandardHelpOptions = true,
        description = {"Print a genotype cell by cell with the parameters, FLOPs and memory access cost of a network built from it, "
                + "and the whole network's parameters (both pool conventions) and multiply-adds.",
            "--network imagenet prices the mobile setting of DARTS and SNAS: 14 cells, C=48, 224x224 input, 1,000 classes.",
            "GENOTYPE is a published name (snas-mild, snas-moderate, snas-aggressive, darts-v2), a genotype file "
                + "(.pb, .textproto, .json) or a finished search run directory."})
public final class DescribeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "GENOTYPE", description = "Published name, genotype file or run directory.")
    String genotype;

    @Mixin
    NetworkShapeOptions network = new NetworkShapeOptions();

    @Option(names = "--auxiliary", description = "Count the auxiliary head's parameters too (papers exclude it).")
    boolean auxiliary;

    @Option(names = "--pool-bn", description = "Count an affine BN after every pool (the SNAS code's convention; DARTS has none).")
    boolean poolBatchNorm;

    private final DescribeGenotypeUseCase describe;

    @Inject
    DescribeCommand(DescribeGenotypeUseCase describe) {
        this.describe = Objects.requireNonNull(describe, "describe");
    }

    @Override
    public Integer call() {
        NetworkShape shape = network.toShape();
        GenotypeDescription description = describe.describe(genotype, shape, new ChildOptions(auxiliary, poolBatchNorm));
        PrintWriter out = spec.commandLine().getOut();
        out.print(GenotypeReport.render(description));
        out.flush();
        return ExitCodes.OK;
    }
}
