package org.snas4j.bootstrap.cli;

import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.bench.BenchedNetwork;
import org.snas4j.application.port.in.bench.BenchmarkReport;
import org.snas4j.application.port.in.bench.BenchmarkRequest;
import org.snas4j.application.port.in.bench.BenchmarkUseCase;
import org.snas4j.application.port.in.bench.ScalingPlan;
import org.snas4j.application.port.out.bench.ExecutionOptions;
import org.snas4j.application.service.describe.GenotypeCatalog;
import org.snas4j.bootstrap.console.QuietNativeStartup;
import org.snas4j.domain.genotype.Genotype;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Times training steps of the supernet or of a child network, with the physical limits beside them. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {"Time training steps on random data: ms/step (median after a warm-up), images/s, CPU s/step, peak memory, "
                + "and the achieved FLOP rate beside the dense matmul rate this machine reaches on the same threads.",
            "FLOPs: 2 per multiply-add of the convolutions, pools and classifier (the SNAS cost model), 3 forward passes' worth "
                + "per training step; batch norm, ReLU and the update are not counted."})
public final class BenchCommand implements Callable<Integer>, RunsTensorFlow {

    @Spec
    CommandSpec spec;

    @Option(names = "--network", paramLabel = "KIND", description = "supernet or child (default: ${DEFAULT-VALUE}).")
    String network = "supernet";

    @Option(names = "--genotype", paramLabel = "GENOTYPE", description = "The child's genotype: published name, genotype file or search "
            + "run directory (default: ${DEFAULT-VALUE}).")
    String genotype = "darts-v2";

    @Mixin
    NetworkSizeOptions shape = NetworkSizeOptions.searchDefaults();

    @Option(names = "--batch", paramLabel = "N", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batch = 64;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed steps first; the first includes TensorFlow's set-up (default: ${DEFAULT-VALUE}).")
    int warmup = 2;

    @Option(names = "--steps", paramLabel = "N", description = "Timed steps (default: ${DEFAULT-VALUE}).")
    int steps = 5;

    @Option(names = "--drop-path", paramLabel = "P", description = "Drop-path probability in the training steps (default: ${DEFAULT-VALUE}, so that "
            + "figures stay comparable across dates; search uses 0.3).")
    double dropPath;

    @Option(names = "--seed", description = "Seed of the weights and the random images (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Mixin
    DeviceOptions deviceOptions = new DeviceOptions();

    @Option(names = "--graph-optimiser", description = "Let TensorFlow's Grappler rewrite the graph (off in search and train).")
    boolean graphOptimiser;

    @Option(names = "--xla", description = "XLA JIT auto-clustering; on a CPU it needs TF_XLA_FLAGS=--tf_xla_cpu_global_jit in the environment.")
    boolean xla;

    @Option(names = "--bfloat16", description = "oneDNN's bfloat16 rewrite of convolutions and matrix products (for CPUs with AVX512-BF16 or AMX).")
    boolean bfloat16;

    @Option(names = "--matmul-size", paramLabel = "N", description = "n of the n x n dense matmul timed beside the network, 0 = skip (default: ${DEFAULT-VALUE}).")
    int matmulSize = 512;

    @Option(names = "--scaling", description = "Also print a table of step time against layers, channels and batch, one changed at a time.")
    boolean scaling;

    @Option(names = "--scaling-layers", paramLabel = "N,...", split = ",", description = "Cell counts of the table (default: ${DEFAULT-VALUE}).")
    List<Integer> scalingLayers = List.of(3, 5, 8);

    @Option(names = "--scaling-channels", paramLabel = "C,...", split = ",", description = "Channel counts of the table (default: ${DEFAULT-VALUE}).")
    List<Integer> scalingChannels = List.of(4, 8, 16);

    @Option(names = "--scaling-batches", paramLabel = "N,...", split = ",", description = "Batch sizes of the table (default: ${DEFAULT-VALUE}).")
    List<Integer> scalingBatches = List.of(16, 32, 64);

    @Option(names = "--scaling-steps", paramLabel = "N", description = "Timed steps per row of the table (default: ${DEFAULT-VALUE}).")
    int scalingSteps = 3;

    @Option(names = "--profile", paramLabel = "N", description = "After the timed steps, trace N more with TensorFlow's step statistics "
            + "and print the op time per step by op type, 0 = no profile (default: ${DEFAULT-VALUE}).")
    int profileSteps = 0;

    @Option(names = "--profile-rows", paramLabel = "N", description = "Op types listed in the profile, the costliest first (default: ${DEFAULT-VALUE}).")
    int profileRows = 15;

    private final BenchmarkUseCase benchmark;
    private final GenotypeCatalog genotypes;

    @Inject
    BenchCommand(BenchmarkUseCase benchmark, GenotypeCatalog genotypes) {
        this.benchmark = Objects.requireNonNull(benchmark, "benchmark");
        this.genotypes = Objects.requireNonNull(genotypes, "genotypes");
    }

    @Override
    public Integer call() {
        if (profileRows <= 0) {
            throw new InvalidInputException("--profile-rows", "must be positive, got " + profileRows);
        }
        BenchmarkRequest request = request();
        // Tracing makes TensorFlow's profiler log three native notices per traced step.
        BenchmarkReport report = profileSteps > 0
                ? QuietNativeStartup.call(() -> benchmark.run(request))
                : benchmark.run(request);
        PrintWriter out = spec.commandLine().getOut();
        out.print(BenchReport.render(report, profileRows));
        out.flush();
        return ExitCodes.OK;
    }

    BenchmarkRequest request() {
        BenchedNetwork kind = switch (network.toLowerCase(Locale.ROOT)) {
            case "supernet" -> BenchedNetwork.SUPERNET;
            case "child" -> BenchedNetwork.CHILD;
            default -> throw new InvalidInputException("--network", "unknown network '" + network + "' (expected supernet or child)");
        };
        Optional<Genotype> cells = kind == BenchedNetwork.CHILD ? Optional.of(genotypes.resolve(genotype)) : Optional.empty();
        Optional<ScalingPlan> plan = scaling
                ? Optional.of(new ScalingPlan(scalingLayers, scalingChannels, scalingBatches, scalingSteps)) : Optional.empty();
        return new BenchmarkRequest(kind, cells, kind == BenchedNetwork.CHILD ? genotype : "", shape.toShape(), batch, warmup, steps,
                dropPath, deviceOptions.device(), deviceOptions.threads(), seed, new ExecutionOptions(graphOptimiser, xla, bfloat16),
                matmulSize, plan, profileSteps);
    }
}
