package org.snas4j.adapter.storage.io;

import java.util.Arrays;
import java.util.List;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * A pair of [14 edges x 8 ops] matrices as one repeated double field of a proto: the normal cell
 * row-major, then the reduction cell. Checkpoints and metrics lines store alpha this way.
 */
public final class LogitsValues {

    private static final int CELL_VALUES = EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS;
    /** Values of one pair: 2 cells x 14 edges x 8 ops. */
    public static final int PAIR_VALUES = 2 * CELL_VALUES;

    private LogitsValues() {
    }

    public static List<Double> flatten(CellPair<EdgeOpMatrix> pair) {
        double[] values = new double[PAIR_VALUES];
        System.arraycopy(pair.normal().toRowMajor(), 0, values, 0, CELL_VALUES);
        System.arraycopy(pair.reduction().toRowMajor(), 0, values, CELL_VALUES, CELL_VALUES);
        return Arrays.stream(values).boxed().toList();
    }

    /** @throws IllegalArgumentException naming {@code field} when there are not 224 finite values */
    public static CellPair<EdgeOpMatrix> unflatten(String field, List<Double> values) {
        if (values.size() != PAIR_VALUES) {
            throw new IllegalArgumentException(field + " has " + values.size() + " values, expected " + PAIR_VALUES
                    + " (2 cells x 14 edges x 8 ops)");
        }
        double[] all = values.stream().mapToDouble(Double::doubleValue).toArray();
        try {
            return new CellPair<>(EdgeOpMatrix.ofRowMajor(Arrays.copyOfRange(all, 0, CELL_VALUES)),
                    EdgeOpMatrix.ofRowMajor(Arrays.copyOfRange(all, CELL_VALUES, PAIR_VALUES)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
        }
    }
}
