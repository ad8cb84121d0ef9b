package org.snas4j.domain.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snas4j.domain.distribution.EdgeSoftmax;

class EdgeOpMatrixTest {

    @Test
    void computedValuesMayOverflowWhereInputIsRefused() {
        double[] overflowing = new double[EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS];
        overflowing[5] = Double.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> EdgeOpMatrix.ofRowMajor(overflowing));
        assertFalse(EdgeOpMatrix.ofComputed(overflowing).isFinite());
        assertTrue(EdgeOpMatrix.ofComputed(new double[EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS]).isFinite());
        assertThrows(IllegalArgumentException.class, () -> EdgeOpMatrix.ofComputed(new double[3]));
        // A softmax gradient whose upstream is finite but huge overflows: the caller sees it, nothing throws.
        EdgeOpMatrix z = EdgeOpMatrix.filled(1.0 / EdgeOpMatrix.COLUMNS);
        assertFalse(EdgeSoftmax.backward(z, EdgeOpMatrix.filled(1e308).with(0, 0, -1e308), 1e-3).isFinite());
    }

    @Test
    void argmaxTakesTheFirstOnTies() {
        EdgeOpMatrix m = EdgeOpMatrix.zeros().with(3, 2, 1.0).with(3, 5, 1.0);
        assertEquals(2, m.argmax(3));
        assertEquals(0, m.argmax(0));
    }

    @Test
    void arithmeticIsElementwiseAndLeavesOperandsUnchanged() {
        EdgeOpMatrix a = EdgeOpMatrix.filled(2.0).with(0, 0, -3.0);
        EdgeOpMatrix b = EdgeOpMatrix.filled(0.5);
        assertEquals(2.5, a.plus(b).get(1, 1));
        assertEquals(1.5, a.minus(b).get(1, 1));
        assertEquals(-1.5, a.times(b).get(0, 0));
        assertEquals(3.0, a.maxAbs());
        assertEquals(4.0 * 111 + 9.0, a.squaredNorm());
        assertEquals(2.0, a.get(1, 1));
    }

    @Test
    void rowMajorRoundTripAndShapeChecks() {
        double[] v = new double[112];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        EdgeOpMatrix m = EdgeOpMatrix.ofRowMajor(v);
        assertEquals(13.0, m.get(1, Operation.SEP_CONV_5X5));
        assertArrayEquals(v, m.toRowMajor());
        assertEquals(m, EdgeOpMatrix.of(m.toArray()));
        assertThrows(IllegalArgumentException.class, () -> EdgeOpMatrix.ofRowMajor(new double[111]));
        v[5] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> EdgeOpMatrix.ofRowMajor(v));
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(14, 0));
    }
}
