package org.snas4j.domain.space;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * An immutable [14 edges x 8 operations] matrix of doubles: architecture logits, a Concrete
 * sample Z, probabilities, a gradient with respect to any of those, or per-op costs of a cell.
 * Row = edge (see {@link CellTopology}), column = {@link Operation#ordinal()}.
 */
public final class EdgeOpMatrix {

    public static final int ROWS = CellTopology.EDGES;
    public static final int COLUMNS = Operation.COUNT;

    private final double[] values;

    private EdgeOpMatrix(double[] values) {
        this.values = values;
    }

    public static EdgeOpMatrix zeros() {
        return new EdgeOpMatrix(new double[ROWS * COLUMNS]);
    }

    public static EdgeOpMatrix filled(double value) {
        double[] v = new double[ROWS * COLUMNS];
        Arrays.fill(v, value);
        return new EdgeOpMatrix(v);
    }

    /** Copies a row-major array of length 14 * 8. */
    public static EdgeOpMatrix ofRowMajor(double[] rowMajor) {
        if (rowMajor.length != ROWS * COLUMNS) {
            throw new IllegalArgumentException("expected " + ROWS * COLUMNS + " values (14 edges x 8 ops), got " + rowMajor.length);
        }
        for (double d : rowMajor) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("matrix values must be finite, found " + d);
            }
        }
        return new EdgeOpMatrix(rowMajor.clone());
    }

    /**
     * Takes a row-major array of length 14 * 8 computed from finite matrices (a gradient, an update)
     * without checking it: an overflow shows in {@link #isFinite()}, for the caller to act on, where
     * {@link #ofRowMajor(double[])} would refuse it as bad input. The array is not copied.
     */
    public static EdgeOpMatrix ofComputed(double[] rowMajor) {
        if (rowMajor.length != ROWS * COLUMNS) {
            throw new IllegalArgumentException("expected " + ROWS * COLUMNS + " values (14 edges x 8 ops), got " + rowMajor.length);
        }
        return new EdgeOpMatrix(rowMajor);
    }

    /** Copies a row-major float array of length 14 * 8 (as fetched from a tensor). */
    public static EdgeOpMatrix ofRowMajor(float[] rowMajor) {
        double[] v = new double[rowMajor.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = rowMajor[i];
        }
        return ofRowMajor(v);
    }

    /** Copies a [14][8] array. */
    public static EdgeOpMatrix of(double[][] rows) {
        if (rows.length != ROWS) {
            throw new IllegalArgumentException("expected " + ROWS + " edges, got " + rows.length);
        }
        double[] v = new double[ROWS * COLUMNS];
        for (int e = 0; e < ROWS; e++) {
            if (rows[e].length != COLUMNS) {
                throw new IllegalArgumentException("edge " + e + ": expected " + COLUMNS + " ops, got " + rows[e].length);
            }
            System.arraycopy(rows[e], 0, v, e * COLUMNS, COLUMNS);
        }
        return ofRowMajor(v);
    }

    public double get(int edge, int op) {
        return values[index(edge, op)];
    }

    public double get(int edge, Operation op) {
        return get(edge, op.ordinal());
    }

    /** A copy of one edge's row. */
    public double[] row(int edge) {
        return Arrays.copyOfRange(values, index(edge, 0), index(edge, 0) + COLUMNS);
    }

    /** A copy of all values, row-major. */
    public double[] toRowMajor() {
        return values.clone();
    }

    /** All values as floats, row-major, for feeding a tensor. */
    public float[] toFloatRowMajor() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    public double[][] toArray() {
        double[][] rows = new double[ROWS][];
        for (int e = 0; e < ROWS; e++) {
            rows[e] = row(e);
        }
        return rows;
    }

    /** A copy with one entry replaced. */
    public EdgeOpMatrix with(int edge, int op, double value) {
        double[] v = values.clone();
        v[index(edge, op)] = value;
        return new EdgeOpMatrix(v);
    }

    public EdgeOpMatrix plus(EdgeOpMatrix other) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i] + other.values[i];
        }
        return new EdgeOpMatrix(v);
    }

    public EdgeOpMatrix minus(EdgeOpMatrix other) {
        return plus(other.scale(-1));
    }

    /** Elementwise product. */
    public EdgeOpMatrix times(EdgeOpMatrix other) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i] * other.values[i];
        }
        return new EdgeOpMatrix(v);
    }

    /** Largest absolute entry (the max norm), for tolerances and convergence checks. */
    public double maxAbs() {
        double m = 0;
        for (double d : values) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    public EdgeOpMatrix scale(double factor) {
        return map(x -> x * factor);
    }

    public EdgeOpMatrix map(DoubleUnaryOperator f) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(values[i]);
        }
        return new EdgeOpMatrix(v);
    }

    /** Sum of the elementwise product with {@code other}. */
    public double dot(EdgeOpMatrix other) {
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            s += values[i] * other.values[i];
        }
        return s;
    }

    /** Sum of squares of all entries. */
    public double squaredNorm() {
        return dot(this);
    }

    /** Column of the largest entry of an edge's row (first one on ties). */
    public int argmax(int edge) {
        int best = 0;
        for (int op = 1; op < COLUMNS; op++) {
            if (get(edge, op) > get(edge, best)) {
                best = op;
            }
        }
        return best;
    }

    public boolean isFinite() {
        for (double d : values) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    private static int index(int edge, int op) {
        if (edge < 0 || edge >= ROWS || op < 0 || op >= COLUMNS) {
            throw new IndexOutOfBoundsException("(" + edge + ", " + op + ") outside 14 x 8");
        }
        return edge * COLUMNS + op;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgeOpMatrix m && Arrays.equals(values, m.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int e = 0; e < ROWS; e++) {
            sb.append(e).append(": ").append(Arrays.toString(row(e))).append('\n');
        }
        return sb.toString();
    }
}
