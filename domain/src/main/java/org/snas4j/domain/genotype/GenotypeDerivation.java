package org.snas4j.domain.genotype;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.snas4j.domain.distribution.EdgeSoftmax;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.Operation;

/** Derives child architectures from architecture logits, and the sample Z that realises a child in the supernet. */
public final class GenotypeDerivation {

    private GenotypeDerivation() {
    }

    /**
     * SNAS' "edge-all" child: every one of the 14 edges keeps argmax(alpha_e), none included
     * (ties go to the op that comes first in SNAS order).
     */
    public static Genotype edgeAll(CellPair<EdgeOpMatrix> logits) {
        CellPair<CellGenotype> cells = logits.map(m -> {
            List<CellEdge> edges = new ArrayList<>(CellTopology.EDGES);
            for (int e = 0; e < CellTopology.EDGES; e++) {
                edges.add(new CellEdge(Operation.all().get(m.argmax(e)), CellTopology.fromNode(e), CellTopology.toNode(e)));
            }
            return new CellGenotype(GenotypeForm.EDGE_ALL, edges);
        });
        return new Genotype(cells.normal(), cells.reduction());
    }

    /**
     * DARTS' child: with p = softmax(alpha) per edge, each intermediate node keeps the 2 incoming
     * edges whose strongest non-none probability is largest, each with its argmax non-none op.
     * Ties go to the lower input node and to the op first in SNAS order (DARTS' stable sort and
     * strict comparison), so the result is deterministic.
     */
    public static Genotype top2PerNode(CellPair<EdgeOpMatrix> logits) {
        return top2PerNode(logits, Top2Rule.DARTS);
    }

    /**
     * The top-2 child under {@code rule}: as {@link #top2PerNode(CellPair)} for DARTS; for SNAS the
     * ranking and the op choice include none (the authors' code), so a kept edge may be none.
     */
    public static Genotype top2PerNode(CellPair<EdgeOpMatrix> logits, Top2Rule rule) {
        boolean keepNone = rule == Top2Rule.SNAS;
        CellPair<CellGenotype> cells = logits.map(m -> top2Cell(EdgeSoftmax.apply(m, 1.0), keepNone));
        return new Genotype(cells.normal(), cells.reduction());
    }

    /**
     * The Z that makes the supernet compute the child {@code genotype}: 1 at (edge, op) for every
     * kept edge, and rows of edges the child drops all zero.
     */
    public static CellPair<EdgeOpMatrix> oneHot(Genotype genotype) {
        return CellPair.of((CellKind kind) -> {
            double[] v = new double[EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS];
            for (CellEdge edge : genotype.cell(kind).edges()) {
                v[edge.edgeIndex() * EdgeOpMatrix.COLUMNS + edge.operation().ordinal()] = 1.0;
            }
            return EdgeOpMatrix.ofRowMajor(v);
        });
    }

    private static CellGenotype top2Cell(EdgeOpMatrix probabilities, boolean keepNone) {
        List<CellEdge> kept = new ArrayList<>(2 * CellTopology.STEPS);
        for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
            int first = CellTopology.firstEdgeInto(node);
            int to = node;
            // Stable sort by descending strength keeps the lower input first on ties.
            IntStream.range(0, node).boxed()
                    .sorted(Comparator.comparingDouble((Integer from) -> -probabilities.get(first + from, best(probabilities, first + from, keepNone))))
                    .limit(2)
                    .forEach(from -> kept.add(new CellEdge(Operation.all().get(best(probabilities, first + from, keepNone)), from, to)));
        }
        return new CellGenotype(GenotypeForm.TOP2_PER_NODE, kept);
    }

    /** The op (non-none unless {@code keepNone}) with the largest weight on an edge, the first in SNAS order on ties. */
    private static int best(EdgeOpMatrix weights, int edge, boolean keepNone) {
        int best = -1;
        for (Operation op : Operation.all()) {
            if ((keepNone || op != Operation.NONE) && (best < 0 || weights.get(edge, op) > weights.get(edge, best))) {
                best = op.ordinal();
            }
        }
        return best;
    }
}
