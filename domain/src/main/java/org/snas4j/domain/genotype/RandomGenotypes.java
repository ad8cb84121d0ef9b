package org.snas4j.domain.genotype;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.Operation;

/**
 * Cells drawn at random from the search space, in the form a search derives: the baseline a searched
 * cell has to beat ("is it better than a random cell from the same space?").
 */
public final class RandomGenotypes {

    private static final List<Operation> WITHOUT_NONE = Operation.all().stream().filter(op -> op != Operation.NONE).toList();

    private RandomGenotypes() {
    }

    /** A top-2 genotype under the DARTS rule: what {@link GenotypeDerivation#top2PerNode} can derive. */
    public static Genotype top2(RandomGenerator random) {
        return top2(random, Top2Rule.DARTS);
    }

    /**
     * A top-2 genotype drawn uniformly from those {@code rule} can derive: for every intermediate node
     * of the normal and then the reduction cell, two distinct inputs drawn uniformly from the earlier
     * nodes, each with an operation drawn uniformly from the 7 non-none ops (DARTS), or from all 8
     * (SNAS, whose top-2 child may keep none). The same generator state gives the same genotype.
     */
    public static Genotype top2(RandomGenerator random, Top2Rule rule) {
        Objects.requireNonNull(random, "random");
        List<Operation> operations = Objects.requireNonNull(rule, "rule") == Top2Rule.SNAS ? Operation.all() : WITHOUT_NONE;
        CellGenotype normal = top2Cell(random, operations);
        CellGenotype reduction = top2Cell(random, operations);
        return new Genotype(normal, reduction);
    }

    private static CellGenotype top2Cell(RandomGenerator random, List<Operation> operations) {
        List<CellEdge> edges = new ArrayList<>(2 * CellTopology.STEPS);
        for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
            int first = random.nextInt(node);
            // Drawing from the node - 1 other inputs and skipping the first makes every unordered pair equally likely.
            int second = random.nextInt(node - 1);
            if (second >= first) {
                second++;
            }
            edges.add(new CellEdge(operations.get(random.nextInt(operations.size())), first, node));
            edges.add(new CellEdge(operations.get(random.nextInt(operations.size())), second, node));
        }
        return new CellGenotype(GenotypeForm.TOP2_PER_NODE, edges);
    }
}
