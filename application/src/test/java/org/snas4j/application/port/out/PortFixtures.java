package org.snas4j.application.port.out;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.snas4j.application.data.DatasetRequest;
import org.snas4j.application.data.ImageFit;
import org.snas4j.application.data.ImageFolderOptions;
import org.snas4j.application.search.EpochMetrics;
import org.snas4j.application.search.Provenance;
import org.snas4j.application.search.SearchConfiguration;
import org.snas4j.application.search.SearchState;
import org.snas4j.domain.cost.CostForm;
import org.snas4j.domain.cost.CostMetric;
import org.snas4j.domain.distribution.TemperatureSchedule;
import org.snas4j.domain.genotype.Top2Rule;
import org.snas4j.domain.cost.GradientEstimator;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.CellGenotype;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeForm;
import org.snas4j.domain.optim.AdamState;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.Operation;

/** Sample values for the port contract tests; every one differs from the defaults in every field. */
public final class PortFixtures {

    private PortFixtures() {
    }

    /** An edge-all genotype whose ops vary with the seed; every op id appears across seeds. */
    public static Genotype edgeAllGenotype(int seed) {
        return new Genotype(edgeAllCell(seed), edgeAllCell(seed + 5));
    }

    /** A top-2 genotype with non-trivial inputs and a non-default concat in the reduction cell. */
    public static Genotype top2Genotype(int seed) {
        return new Genotype(top2Cell(seed, CellGenotype.DEFAULT_CONCAT), top2Cell(seed + 3, List.of(5, 3, 4)));
    }

    private static CellGenotype edgeAllCell(int seed) {
        List<CellEdge> edges = new ArrayList<>();
        for (int edge = 0; edge < CellTopology.EDGES; edge++) {
            Operation op = Operation.all().get(Math.floorMod(edge * 3 + seed, Operation.COUNT));
            edges.add(new CellEdge(op, CellTopology.fromNode(edge), CellTopology.toNode(edge)));
        }
        return new CellGenotype(GenotypeForm.EDGE_ALL, edges);
    }

    private static CellGenotype top2Cell(int seed, List<Integer> concat) {
        List<CellEdge> edges = new ArrayList<>();
        for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
            int first = Math.floorMod(seed + node, node);
            int second = Math.floorMod(first + 1 + seed, node);
            if (second == first) {
                second = (first + 1) % node;
            }
            // Ops 1..7: a top-2 cell never keeps "none".
            edges.add(new CellEdge(Operation.all().get(1 + Math.floorMod(seed + node, Operation.COUNT - 1)), first, node));
            edges.add(new CellEdge(Operation.all().get(1 + Math.floorMod(seed * 2 + node, Operation.COUNT - 1)), second, node));
        }
        return new CellGenotype(GenotypeForm.TOP2_PER_NODE, edges, concat);
    }

    /** A search state with random (seeded) logits and Adam moments. */
    public static SearchState searchState(int completedEpochs, long seed) {
        Random random = new Random(seed);
        return new SearchState(completedEpochs, 1000L * completedEpochs + 7, randomPair(random),
                new AdamState(3L * completedEpochs + 1, randomPair(random), randomPair(random).map(m -> m.map(Math::abs))));
    }

    private static CellPair<EdgeOpMatrix> randomPair(Random random) {
        return CellPair.of(kind -> {
            double[] values = new double[EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextGaussian();
            }
            return EdgeOpMatrix.ofRowMajor(values);
        });
    }

    /** Writes two files whose content depends on the seed, as a trainer's saveVariables would. */
    public static CheckpointStore.VariablesWriter variables(long seed) {
        return directory -> {
            try {
                Files.write(directory.resolve("weights.bin"), variableBytes(seed));
                Files.writeString(directory.resolve("index.txt"), "seed " + seed + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Asserts that {@code directory} holds exactly what {@link #variables(long)} wrote. */
    public static void assertVariables(Path directory, long seed) throws IOException {
        assertArrayEquals(variableBytes(seed), Files.readAllBytes(directory.resolve("weights.bin")));
        assertArrayEquals(("seed " + seed + "\n").getBytes(StandardCharsets.UTF_8), Files.readAllBytes(directory.resolve("index.txt")));
    }

    private static byte[] variableBytes(long seed) {
        byte[] bytes = new byte[4096];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    public static EpochMetrics metrics(int epoch) {
        double e = epoch;
        return new EpochMetrics(epoch, 1.0 - 0.01 * e, 0.025 - 0.001 * e, 2.3 - 0.1 * e, 0.1 + 0.02 * e, 0.11 + 0.02 * e,
                0.12 + 0.02 * e, 2.2 - 0.1 * e, 1.5e6 - e, 2.5e8 - e, 3.5e7 - e, 0.01 * e, 2.07 - 0.01 * e, epoch % 28, 12.5 + e, 0.13 + 0.02 * e,
                Optional.of(randomPair(new Random(epoch))));
    }

    public static SearchConfiguration configuration() {
        // Every field of the stored proto differs from its proto default (false, 0, unspecified), so a
        // round trip that drops one is caught.
        return new SearchConfiguration(new DatasetRequest(DatasetRequest.FOLDER, Optional.of(Path.of("/data/my pictures")),
                        new ImageFolderOptions(64, 1, ImageFit.RESIZE, 0.3, true, 1234567, 300)),
                5, 8, 32, 7, 42L, 1.5, 0.03, TemperatureSchedule.Kind.EXPONENTIAL, 0.02, CostMetric.FLOPS, CostForm.LOG,
                GradientEstimator.SCORE_FUNCTION, 0.25, 0.05, 0.001, 3e-3, Device.GPU, 3, 2000, 2, 0.3, Top2Rule.SNAS, 7);
    }

    public static Provenance provenance() {
        return new Provenance(42L, "cifar10", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "snas4j 0.1.0 (abc1234)", Instant.parse("2025-01-02T03:04:05.123456789Z"), null, "search --epochs 7 --seed 42",
                java.util.List.of("cat = \"felis\"", "dog, domestic", "\u00e9l\u00e9phant"));
    }
}
