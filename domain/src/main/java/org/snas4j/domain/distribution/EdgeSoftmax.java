package org.snas4j.domain.distribution;

import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * The tempered softmax over the operations of every edge, softmax(x / tau) row by row, and its
 * backward pass. Shared by sampling (Z), probabilities (tau = 1), the search gradient and the
 * exact-expectation penalty gradient, so the Jacobian is written once.
 */
public final class EdgeSoftmax {

    private EdgeSoftmax() {
    }

    /** softmax(x_e / tau) for every edge e; computed with the row maximum subtracted, so it never overflows. */
    public static EdgeOpMatrix apply(EdgeOpMatrix x, double temperature) {
        requireTemperature(temperature);
        double[] v = x.toRowMajor();
        double[] out = new double[v.length];
        int n = EdgeOpMatrix.COLUMNS;
        for (int base = 0; base < v.length; base += n) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                max = Math.max(max, v[base + k]);
            }
            double sum = 0;
            for (int k = 0; k < n; k++) {
                out[base + k] = Math.exp((v[base + k] - max) / temperature);
                sum += out[base + k];
            }
            for (int k = 0; k < n; k++) {
                out[base + k] /= sum;
            }
        }
        return EdgeOpMatrix.ofRowMajor(out);
    }

    /**
     * Vector-Jacobian product of the tempered softmax: given Z = softmax(x / tau) and an upstream
     * gradient dL/dZ, returns dL/dx with dZ_k/dx_j = Z_k (delta_kj - Z_j) / tau, i.e.
     * dL/dx_j = Z_j (dL/dZ_j - sum_k Z_k dL/dZ_k) / tau per edge.
     */
    public static EdgeOpMatrix backward(EdgeOpMatrix softmaxOutput, EdgeOpMatrix upstream, double temperature) {
        requireTemperature(temperature);
        double[] z = softmaxOutput.toRowMajor();
        double[] g = upstream.toRowMajor();
        double[] out = new double[z.length];
        int n = EdgeOpMatrix.COLUMNS;
        for (int base = 0; base < z.length; base += n) {
            double weighted = 0;
            for (int k = 0; k < n; k++) {
                weighted += z[base + k] * g[base + k];
            }
            for (int j = 0; j < n; j++) {
                out[base + j] = z[base + j] * (g[base + j] - weighted) / temperature;
            }
        }
        return EdgeOpMatrix.ofComputed(out);
    }

    /** Rejects a temperature that is not a positive finite number. */
    static void requireTemperature(double temperature) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
    }
}
