package org.snas4j.domain.cost;

import java.util.Objects;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.CellGenotype;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellShape;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkLayout;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;

/**
 * The price list of a network: the cost of every candidate operation on every edge of every
 * cell, computed once from the network's layout and a {@link CostModel}. Because the cost is
 * locally decomposable, the cost of any weighting of the ops (a sample Z, the probabilities,
 * a one-hot genotype) is the weighted sum of these entries. Only the cells are priced: stem,
 * preprocessing and classifier do not depend on the architecture.
 */
public final class NetworkCost {

    private static final int OPS = Operation.COUNT;

    private final NetworkLayout layout;
    /** [cell][edge][op]. */
    private final OperationCost[][][] costs;

    private NetworkCost(NetworkLayout layout, OperationCost[][][] costs) {
        this.layout = layout;
        this.costs = costs;
    }

    public static NetworkCost of(NetworkShape shape, CostModel model) {
        Objects.requireNonNull(model, "model");
        NetworkLayout layout = NetworkLayout.of(Objects.requireNonNull(shape, "shape"));
        OperationCost[][][] costs = new OperationCost[shape.layers()][CellTopology.EDGES][OPS];
        for (CellShape cell : layout.cells()) {
            for (int e = 0; e < CellTopology.EDGES; e++) {
                for (Operation op : Operation.all()) {
                    costs[cell.index()][e][op.ordinal()] = Objects.requireNonNull(model.cost(op, cell.edge(e)), "cost");
                }
            }
        }
        return new NetworkCost(layout, costs);
    }

    public NetworkLayout layout() {
        return layout;
    }

    /** Number of cells priced. */
    public int cells() {
        return costs.length;
    }

    /** The cost of one operation on one edge of one cell. */
    public OperationCost cost(int cell, int edge, Operation op) {
        return costs[checkCell(cell)][checkEdge(edge)][op.ordinal()];
    }

    /** sum_k opWeights[k] * cost(cell, edge, k): the edge's cost under a weighting of its 8 ops. */
    public OperationCost edgeCost(int cell, int edge, double[] opWeights) {
        if (opWeights.length != OPS) {
            throw new IllegalArgumentException("expected " + OPS + " op weights, got " + opWeights.length);
        }
        OperationCost[] ops = costs[checkCell(cell)][checkEdge(edge)];
        double parameters = 0;
        double flops = 0;
        double mac = 0;
        for (int k = 0; k < OPS; k++) {
            parameters += opWeights[k] * ops[k].parameters();
            flops += opWeights[k] * ops[k].flops();
            mac += opWeights[k] * ops[k].mac();
        }
        return new OperationCost(parameters, flops, mac);
    }

    /** E[cost] of the whole network (cells only) under p_alpha: exact, since the cost is linear in the one-hot choice. */
    public OperationCost expected(ArchitectureDistribution distribution) {
        return realised(distribution.probabilities());
    }

    /** The whole network's cost (cells only) with every cell of a kind weighted by that kind's matrix. */
    public OperationCost realised(CellPair<EdgeOpMatrix> z) {
        OperationCost total = OperationCost.ZERO;
        for (CellShape cell : layout.cells()) {
            EdgeOpMatrix weights = z.get(cell.kind());
            for (int e = 0; e < CellTopology.EDGES; e++) {
                total = total.plus(edgeCost(cell.index(), e, weights.row(e)));
            }
        }
        return total;
    }

    /** The cost of the cells of the child network a genotype describes. */
    public OperationCost ofGenotype(Genotype genotype) {
        OperationCost total = OperationCost.ZERO;
        for (CellShape cell : layout.cells()) {
            total = total.plus(ofCell(cell.index(), genotype.cell(cell.kind())));
        }
        return total;
    }

    /** The cost of cell {@code cell} when it keeps the edges of {@code genotype}. */
    public OperationCost ofCell(int cell, CellGenotype genotype) {
        OperationCost total = OperationCost.ZERO;
        for (CellEdge edge : genotype.edges()) {
            total = total.plus(cost(cell, edge.edgeIndex(), edge.operation()));
        }
        return total;
    }

    private int checkCell(int cell) {
        if (cell < 0 || cell >= costs.length) {
            throw new IllegalArgumentException("cell index " + cell + " out of range 0.." + (costs.length - 1));
        }
        return cell;
    }

    private static int checkEdge(int edge) {
        if (edge < 0 || edge >= CellTopology.EDGES) {
            throw new IllegalArgumentException("edge index " + edge + " out of range 0.." + (CellTopology.EDGES - 1));
        }
        return edge;
    }
}
