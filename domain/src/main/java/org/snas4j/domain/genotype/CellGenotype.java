package org.snas4j.domain.genotype;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.snas4j.domain.space.CellTopology;

/**
 * A derived cell: the kept edges, and the nodes whose outputs are concatenated (always 2..5 in
 * the DARTS space). Edges are kept in a canonical order, by node and then by input, so two cells
 * with the same edges are equal whatever order they were listed in (DARTS lists a node's inputs
 * by strength). Invariants are checked on construction, so a half-valid genotype cannot exist.
 */
public record CellGenotype(GenotypeForm form, List<CellEdge> edges, List<Integer> concat) {

    public static final List<Integer> DEFAULT_CONCAT = List.of(2, 3, 4, 5);

    public CellGenotype {
        Objects.requireNonNull(form, "form");
        List<CellEdge> sorted = new ArrayList<>(Objects.requireNonNull(edges, "edges"));
        sorted.sort(Comparator.comparingInt(CellEdge::node).thenComparingInt(CellEdge::input));
        edges = List.copyOf(sorted);
        concat = List.copyOf(Objects.requireNonNull(concat, "concat"));
        for (int n : concat) {
            if (n < CellTopology.INPUT_NODES || n >= CellTopology.NODES) {
                throw new IllegalArgumentException("concat node " + n + " is not an intermediate node (2..5)");
            }
        }
        if (new HashSet<>(concat).size() != concat.size()) {
            throw new IllegalArgumentException("concat lists a node twice: " + concat);
        }
        switch (form) {
            case TOP2_PER_NODE -> {
                if (edges.size() != 2 * CellTopology.STEPS) {
                    throw new IllegalArgumentException("a top-2 cell has 8 edges (2 per node), got " + edges.size());
                }
                for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
                    int n = node;
                    long count = edges.stream().filter(e -> e.node() == n).count();
                    if (count != 2) {
                        throw new IllegalArgumentException("node " + node + " has " + count + " inputs; a top-2 cell needs exactly 2");
                    }
                }
            }
            case EDGE_ALL -> {
                if (edges.size() != CellTopology.EDGES) {
                    throw new IllegalArgumentException("an edge-all cell has 14 edges, got " + edges.size());
                }
            }
        }
        // In either form an edge is kept at most once: a node's two top-2 inputs are distinct edges.
        Set<Integer> seen = new HashSet<>();
        for (CellEdge e : edges) {
            if (!seen.add(e.edgeIndex())) {
                throw new IllegalArgumentException("edge " + e.input() + " -> " + e.node() + " appears twice");
            }
        }
    }

    public CellGenotype(GenotypeForm form, List<CellEdge> edges) {
        this(form, edges, DEFAULT_CONCAT);
    }

    /** Edges entering intermediate node {@code node}. */
    public List<CellEdge> edgesInto(int node) {
        return edges.stream().filter(e -> e.node() == node).toList();
    }
}
