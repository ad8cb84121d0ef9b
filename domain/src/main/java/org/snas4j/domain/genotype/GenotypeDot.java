package org.snas4j.domain.genotype;

import java.util.Locale;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.Operation;

/**
 * Draws a cell as a Graphviz DOT graph in the style of the DARTS/SNAS papers' figures: the two
 * inputs on the left, intermediate nodes 0..3, the concatenated output on the right, one labelled
 * arrow per kept edge. Parameter-free edges are drawn dashed so a collapse towards them shows;
 * {@code none} edges (an edge-all cell keeps them) carry nothing and are left out, their number
 * noted under the cell's name.
 */
public final class GenotypeDot {

    private GenotypeDot() {
    }

    public static String render(CellGenotype cell, CellKind kind) {
        StringBuilder dot = new StringBuilder();
        dot.append("digraph ").append(kind.id()).append("_cell {\n");
        dot.append("  rankdir=LR;\n");
        dot.append("  node [style=\"rounded,filled\", shape=rect, fontname=\"Helvetica\", align=center];\n");
        dot.append("  edge [fontname=\"Helvetica\", fontsize=11];\n");
        long none = cell.edges().stream().filter(e -> e.operation() == Operation.NONE).count();
        String omitted = none == 0 ? "" : String.format(Locale.ROOT, "\\n(%d none edge%s left out)", none, none == 1 ? "" : "s");
        dot.append("  label=\"").append(kind.id()).append(" cell").append(omitted).append("\"; labelloc=t;\n");
        dot.append("  \"c_{k-2}\" [fillcolor=darkseagreen2];\n");
        dot.append("  \"c_{k-1}\" [fillcolor=darkseagreen2];\n");
        for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
            dot.append(String.format(Locale.ROOT, "  \"%s\" [fillcolor=lightblue, shape=box];%n", name(node)));
        }
        dot.append("  \"c_{k}\" [fillcolor=palegoldenrod];\n");
        for (CellEdge edge : cell.edges()) {
            if (edge.operation() == Operation.NONE) {
                continue;
            }
            String style = edge.operation().isParameterFree() ? ", style=dashed" : "";
            dot.append(String.format(Locale.ROOT, "  \"%s\" -> \"%s\" [label=\"%s\"%s];%n", name(edge.input()), name(edge.node()),
                    edge.operation().id(), style));
        }
        for (int node : cell.concat()) {
            dot.append(String.format(Locale.ROOT, "  \"%s\" -> \"c_{k}\" [color=gray];%n", name(node)));
        }
        dot.append("}\n");
        return dot.toString();
    }

    private static String name(int node) {
        return CellTopology.nodeName(node);
    }
}
