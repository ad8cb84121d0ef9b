package org.snas4j.domain.cost;

import java.util.Objects;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellShape;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkLayout;
import org.snas4j.domain.space.NetworkShape;

/**
 * The arithmetic of one example's forward pass through a whole network, in multiply-adds: the
 * cells' operations as {@link SnasCostModel} prices them (convolutions exactly; a 3x3 pool counts its
 * 9 window reads per output value), plus what {@link NetworkCost} leaves out because it does not depend
 * on the architecture: the stem's 3x3 convolution, every cell's two 1x1 preprocessing convolutions (a
 * FactorizedReduce, two 1x1 convolutions to C/2 at the output size, costs what one 1x1 convolution to
 * C at that size costs) and the linear classifier. Batch
 * normalisation, ReLU, additions and the weight update are not counted: they are a few operations
 * per value, not per weight.
 */
public final class NetworkMultiplyAdds {

    private static final int STEM_KERNEL = 3;
    private static final SnasCostModel CELL_OPS = new SnasCostModel();

    private NetworkMultiplyAdds() {
    }

    /** The supernet: every candidate operation on every edge is computed, whatever Z weighs it by. */
    public static double supernet(NetworkShape shape) {
        NetworkCost cells = NetworkCost.of(Objects.requireNonNull(shape, "shape"), CELL_OPS);
        CellPair<EdgeOpMatrix> everyOp = CellPair.of(kind -> EdgeOpMatrix.filled(1.0));
        return outsideCells(cells.layout()) + cells.realised(everyOp).flops();
    }

    /** The evaluation network of {@code genotype} (no auxiliary head). */
    public static double child(Genotype genotype, NetworkShape shape) {
        Objects.requireNonNull(genotype, "genotype");
        NetworkCost cells = NetworkCost.of(Objects.requireNonNull(shape, "shape"), CELL_OPS);
        return outsideCells(cells.layout()) + cells.ofGenotype(genotype).flops();
    }

    /** Stem, preprocessing and classifier: the same in the supernet and in every child of one shape. */
    public static double outsideCells(NetworkLayout layout) {
        NetworkShape shape = layout.shape();
        double size = shape.inputSize();
        double total = STEM_KERNEL * STEM_KERNEL * (double) shape.inputChannels() * shape.stemChannels() * size * size;
        for (CellShape cell : layout.cells()) {
            double area = (double) cell.inputSize() * cell.inputSize();
            total += ((double) cell.prevPrevChannels() + cell.prevChannels()) * cell.channels() * area;
        }
        return total + (double) layout.classifierInputs() * shape.classes();
    }
}
