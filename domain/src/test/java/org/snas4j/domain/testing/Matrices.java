package org.snas4j.domain.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/** Test helpers: random matrices, central finite differences, and closeness assertions. */
public final class Matrices {

    private Matrices() {
    }

    /** A pair of matrices with entries uniform in [low, high), reproducible from {@code seed}. */
    public static CellPair<EdgeOpMatrix> uniform(long seed, double low, double high) {
        SplittableRandom rng = new SplittableRandom(seed);
        return CellPair.of(kind -> {
            double[] v = new double[EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS];
            for (int i = 0; i < v.length; i++) {
                v[i] = low + (high - low) * rng.nextDouble();
            }
            return EdgeOpMatrix.ofRowMajor(v);
        });
    }

    /** Central differences (f(x + h e_i) - f(x - h e_i)) / 2h for all 2 x 14 x 8 entries. */
    public static CellPair<EdgeOpMatrix> numericGradient(ToDoubleFunction<CellPair<EdgeOpMatrix>> f, CellPair<EdgeOpMatrix> at, double h) {
        return CellPair.of(kind -> {
            double[] g = new double[EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS];
            for (int e = 0; e < EdgeOpMatrix.ROWS; e++) {
                for (int k = 0; k < EdgeOpMatrix.COLUMNS; k++) {
                    double x = at.get(kind).get(e, k);
                    double up = f.applyAsDouble(replace(at, kind, at.get(kind).with(e, k, x + h)));
                    double down = f.applyAsDouble(replace(at, kind, at.get(kind).with(e, k, x - h)));
                    g[e * EdgeOpMatrix.COLUMNS + k] = (up - down) / (2 * h);
                }
            }
            return EdgeOpMatrix.ofRowMajor(g);
        });
    }

    /** Every entry within absTolerance + relTolerance * |expected entry|. */
    public static void assertClose(CellPair<EdgeOpMatrix> expected, CellPair<EdgeOpMatrix> actual, double relTolerance, double absTolerance) {
        for (CellKind kind : CellKind.values()) {
            for (int e = 0; e < EdgeOpMatrix.ROWS; e++) {
                for (int k = 0; k < EdgeOpMatrix.COLUMNS; k++) {
                    double want = expected.get(kind).get(e, k);
                    double got = actual.get(kind).get(e, k);
                    double tolerance = absTolerance + relTolerance * Math.abs(want);
                    assertTrue(Math.abs(want - got) <= tolerance,
                            kind.id() + " (" + e + ", " + k + "): expected " + want + " got " + got + " (tolerance " + tolerance + ")");
                }
            }
        }
    }

    /** Largest absolute entry over both matrices. */
    public static double maxAbs(CellPair<EdgeOpMatrix> m) {
        return Math.max(m.normal().maxAbs(), m.reduction().maxAbs());
    }

    private static CellPair<EdgeOpMatrix> replace(CellPair<EdgeOpMatrix> pair, CellKind kind, EdgeOpMatrix m) {
        return kind == CellKind.NORMAL ? new CellPair<>(m, pair.reduction()) : new CellPair<>(pair.normal(), m);
    }
}
