package org.snas4j.bootstrap.cli;

import java.util.Locale;
import org.snas4j.application.port.in.describe.GenotypeDescription;
import org.snas4j.domain.cost.OperationCost;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.CellGenotype;
import org.snas4j.domain.genotype.GenotypeStatistics;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.NetworkKind;
import org.snas4j.domain.space.NetworkShape;

/** Plain-text rendering of a priced genotype. */
final class GenotypeReport {

    private GenotypeReport() {
    }

    static String render(GenotypeDescription d) {
        StringBuilder sb = new StringBuilder();
        NetworkShape s = d.shape();
        sb.append(String.format(Locale.ROOT, "Genotype %s (%s form)%n", d.name(), d.genotype().form().name().toLowerCase(Locale.ROOT)));
        sb.append(String.format(Locale.ROOT, "Network: %s%d cells, C=%d, input %dx%dx%d, %d classes%n%n",
                s.kind() == NetworkKind.IMAGENET ? "ImageNet (mobile) layout, " : "", s.layers(), s.initialChannels(), s.inputSize(),
                s.inputSize(), s.inputChannels(), s.classes()));
        for (CellKind kind : CellKind.values()) {
            CellGenotype cell = d.genotype().cell(kind);
            sb.append(String.format(Locale.ROOT, "%s cell (%d parameter-free edges of %d):%n", kind.id(),
                    GenotypeStatistics.parameterFreeEdges(cell), cell.edges().size()));
            for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
                StringBuilder inputs = new StringBuilder();
                for (CellEdge e : cell.edgesInto(node)) {
                    if (!inputs.isEmpty()) {
                        inputs.append(" + ");
                    }
                    inputs.append(e.operation().id()).append('(').append(nodeName(e.input())).append(')');
                }
                sb.append(String.format(Locale.ROOT, "  node %d = %s%n", node, inputs.isEmpty() ? "0 (no inputs)" : inputs));
            }
            sb.append(String.format(Locale.ROOT, "  output = concat%s%n%n", cell.concat()));
        }
        sb.append(String.format(Locale.ROOT, "%-5s %-9s %5s %5s %14s %16s %16s%n", "cell", "kind", "C", "size", "params", "FLOPs", "MAC"));
        for (GenotypeDescription.CellCost c : d.cells()) {
            OperationCost cost = c.cost();
            sb.append(String.format(Locale.ROOT, "%-5d %-9s %5d %5d %,14.0f %,16.0f %,16.0f%n", c.shape().index(), c.shape().kind().id(),
                    c.shape().channels(), c.shape().outputSize(), cost.parameters(), cost.flops(), cost.mac()));
        }
        OperationCost total = d.cellsCost();
        sb.append(String.format(Locale.ROOT, "%-27s %,14.0f %,16.0f %,16.0f%n", "all cells (ops only)", total.parameters(), total.flops(), total.mac()));
        boolean poolBn = d.options().batchNormAfterPools();
        sb.append(String.format(Locale.ROOT, "%nWhole network: %,d trainable parameters (%.2fM)%s, %s%n", d.networkParameters(),
                d.networkParameters() / 1e6, d.options().auxiliaryHead() ? " with the auxiliary head" : "",
                poolBn ? "an affine BN after every pool (--pool-bn, the SNAS code)" : "plain pools (DARTS)"));
        sb.append(String.format(Locale.ROOT, "  with %s: %,d (%.2fM)%n", poolBn ? "plain pools (DARTS, without --pool-bn)"
                : "an affine BN after every pool (--pool-bn, the SNAS code)", d.otherPoolConventionParameters(),
                d.otherPoolConventionParameters() / 1e6));
        sb.append(String.format(Locale.ROOT, "Multiply-adds: %,d (%.1fM) per %dx%d image at inference (convolutions and classifier; "
                + "the same in both pool conventions)%n", d.multiplyAdds(), d.multiplyAdds() / 1e6, s.inputSize(), s.inputSize()));
        sb.append(String.format(Locale.ROOT, "Parameter-free edges: %d%n", d.parameterFreeEdges()));
        return sb.toString();
    }

    private static String nodeName(int input) {
        return switch (input) {
            case 0 -> "c_{k-2}";
            case 1 -> "c_{k-1}";
            default -> "node " + input;
        };
    }
}
