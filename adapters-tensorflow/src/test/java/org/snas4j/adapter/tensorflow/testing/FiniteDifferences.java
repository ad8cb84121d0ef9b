package org.snas4j.adapter.tensorflow.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Central finite differences in float32 against an analytic gradient.
 * <ul>
 * <li>Float32 rounding rules out coordinate-by-coordinate checks of large tensors, so the check
 *     compares directional derivatives along random directions (which sum many coordinates into a
 *     well-conditioned number); small tensors such as Z are checked coordinate by coordinate.</li>
 * <li>The networks are piecewise smooth (ReLU, max pooling): a step that carries a unit across a kink
 *     spoils the central difference, by a few percent at the tiny batch sizes of tests, and a kink
 *     may lie within any step of the point. The analytic gradient is the slope of the piece holding
 *     the point, so the check tries a ladder of steps with the central, forward and backward
 *     quotients and accepts when one agrees; a wrong gradient (such as the dilated convolution's in
 *     TensorFlow 1.1.0) disagrees with all of them.</li>
 * <li>The tolerance adds the objective's float32 rounding at the step used.</li>
 * </ul>
 */
public final class FiniteDifferences {

    /** Steps tried, largest first. */
    public static final double[] STEPS = {1e-3, 3e-4, 1e-4};

    private FiniteDifferences() {
    }

    /**
     * Asserts that along {@code directions} random Gaussian directions over the parameters named in
     * {@code perturbed}, the analytic directional derivative matches (f(x + eps d) - f(x - eps d)) / 2eps.
     */
    public static void assertDirectionalDerivatives(String what, ToDoubleFunction<Map<String, float[]>> f,
                                                    Map<String, float[]> point, Map<String, float[]> gradient,
                                                    List<String> perturbed, int directions,
                                                    double relativeTolerance, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < directions; k++) {
            Map<String, float[]> direction = new LinkedHashMap<>();
            double analytic = 0;
            for (String name : perturbed) {
                float[] g = gradient.get(name);
                float[] d = new float[g.length];
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) random.nextGaussian();
                    analytic += (double) g[i] * d[i];
                }
                direction.put(name, d);
            }
            assertAgreesAtSomeStep(what + " along " + perturbed, f, point, direction, analytic, 0, relativeTolerance);
        }
    }

    /** Asserts every coordinate of parameter {@code name}: small tensors only. */
    public static void assertEveryCoordinate(String what, ToDoubleFunction<Map<String, float[]>> f,
                                             Map<String, float[]> point, Map<String, float[]> gradient, String name,
                                             double absoluteTolerance, double relativeTolerance) {
        assertEveryCoordinate(what, f, point, gradient, name, absoluteTolerance, relativeTolerance, 0, gradient.get(name).length);
    }

    /** Asserts coordinates {@code from .. from + count - 1} of parameter {@code name}. */
    public static void assertEveryCoordinate(String what, ToDoubleFunction<Map<String, float[]>> f,
                                             Map<String, float[]> point, Map<String, float[]> gradient, String name,
                                             double absoluteTolerance, double relativeTolerance, int from, int count) {
        float[] g = gradient.get(name);
        for (int i = from; i < from + count; i++) {
            float[] unit = new float[g.length];
            unit[i] = 1f;
            assertAgreesAtSomeStep(what + " d/d" + name + "[" + i + "]", f, point, Map.of(name, unit), g[i],
                    absoluteTolerance, relativeTolerance);
        }
    }

    private static void assertAgreesAtSomeStep(String what, ToDoubleFunction<Map<String, float[]>> f,
                                               Map<String, float[]> point, Map<String, float[]> direction,
                                               double analytic, double absoluteTolerance, double relativeTolerance) {
        StringBuilder tried = new StringBuilder();
        double centre = f.applyAsDouble(point);
        for (double eps : STEPS) {
            double plus = f.applyAsDouble(shifted(point, direction, eps));
            double minus = f.applyAsDouble(shifted(point, direction, -eps));
            double noise = roundingNoise(Math.max(Math.abs(plus), Math.abs(minus)), eps);
            double[] quotients = {(plus - minus) / (2 * eps), (plus - centre) / eps, (centre - minus) / eps};
            for (int q = 0; q < quotients.length; q++) {
                double numeric = quotients[q];
                double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
                // One-sided quotients carry twice the rounding noise of the central one.
                double allowed = absoluteTolerance + relativeTolerance * scale + (q == 0 ? noise : 2 * noise);
                if (Math.abs(analytic - numeric) <= allowed) {
                    return;
                }
            }
            tried.append(String.format(" step %.0e: central %.6g forward %.6g backward %.6g;", eps, quotients[0], quotients[1], quotients[2]));
        }
        fail(what + ": analytic " + analytic + " vs numeric" + tried);
    }

    /** The error that float32 rounding of the objective alone puts on a central difference. */
    private static double roundingNoise(double objective, double eps) {
        return 8 * Math.ulp((float) objective) / (2 * eps);
    }

    private static Map<String, float[]> shifted(Map<String, float[]> point, Map<String, float[]> direction, double eps) {
        Map<String, float[]> result = new LinkedHashMap<>(point);
        for (Map.Entry<String, float[]> e : direction.entrySet()) {
            float[] base = point.get(e.getKey());
            float[] moved = new float[base.length];
            for (int i = 0; i < base.length; i++) {
                moved[i] = (float) (base[i] + eps * e.getValue()[i]);
            }
            result.put(e.getKey(), moved);
        }
        return result;
    }
}
