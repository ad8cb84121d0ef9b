package org.snas4j.adapter.tensorflow.child;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.tensorflow.ops.DropPath;
import org.snas4j.adapter.tensorflow.ops.Mode;
import org.snas4j.adapter.tensorflow.ops.NativeDepthwise;
import org.snas4j.adapter.tensorflow.ops.NetworkScope;
import org.snas4j.adapter.tensorflow.testing.FiniteDifferences;
import org.snas4j.adapter.tensorflow.testing.GraphProbe;
import org.snas4j.adapter.tensorflow.testing.Reference.Map4;
import org.snas4j.adapter.tensorflow.testing.TensorFlowKernels;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.CellGenotype;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeForm;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * TensorFlow's gradients through what the child network adds to the ops package (auxiliary head,
 * drop-path, affine BN everywhere, zero nodes) against finite differences, in training mode.
 */
class ChildNetworkGradientTest {

    static final double RELATIVE_TOLERANCE = 2e-2;
    /**
     * Whole networks stack BN-ReLU layers, so a step moves units across kinks layers away and the
     * quotients scatter by a few percent around the analytic slope (bracketing it); a wiring mistake
     * (a missing branch, a wrong loss weight) is off by far more.
     */
    static final double NETWORK_RELATIVE_TOLERANCE = 5e-2;

    /** 3 cells (reductions at 1 and 2), 20x20 input so that cell 2's 5x5 output feeds the auxiliary head. */
    static final NetworkShape TINY = new NetworkShape(3, 4, 20, 3, 5);

    /** Coordinates of each parameter that one check perturbs at once. */
    static final int COORDINATES_PER_CHECK = 3;

    /**
     * Checks every parameter (the input and each weight) along a random direction confined to a few of
     * its coordinates. A direction over all coordinates of a BN-ReLU layer with thousands of units crosses
     * several ReLU kinks at any usable step, which spoils every difference quotient; a few coordinates
     * move few units. BN offsets start at a small random value rather than 0, so that a ReLU reading a
     * constant map (an op after a zero node) does not sit exactly on its kink.
     */
    static void assertGradientsMatch(String what, Map4 x, BiFunction<NetworkScope, Operand<TFloat32>, Operand<TFloat32>> builder) {
        assertGradientsMatch(what, x, builder, Integer.MAX_VALUE, RELATIVE_TOLERANCE);
    }

    /** As above for the input and at most {@code parameters} weights drawn at random (big networks). */
    static void assertGradientsMatch(String what, Map4 x, BiFunction<NetworkScope, Operand<TFloat32>, Operand<TFloat32>> builder,
                                     int parameters, double relativeTolerance) {
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> input = probe.input("x", Shape.of(x.n(), x.h(), x.w(), x.c()));
            probe.finish(builder.apply(probe.scope(Mode.TRAINING), input), 5);
            Map<String, float[]> point = probe.point(Map.of("x", x.data()));
            SplittableRandom random = new SplittableRandom(x.data().length);
            point.replaceAll((name, values) -> name.endsWith("/beta") ? jittered(values, random) : values);
            Map<String, float[]> gradient = probe.gradient(point);
            List<String> names = new ArrayList<>(probe.parameterNames().subList(1, probe.parameterNames().size()));
            java.util.Collections.shuffle(names, new java.util.Random(random.nextLong()));
            List<String> checked = new ArrayList<>(List.of("x"));
            checked.addAll(names.subList(0, Math.min(parameters, names.size())));
            for (String name : checked) {
                int size = point.get(name).length;
                int[] coordinates = random.ints(0, size).distinct().limit(Math.min(COORDINATES_PER_CHECK, size)).toArray();
                float[] slope = new float[coordinates.length];
                for (int k = 0; k < coordinates.length; k++) {
                    slope[k] = gradient.get(name)[coordinates[k]];
                }
                ToDoubleFunction<Map<String, float[]>> alongCoordinates = shift -> probe.objective(moved(point, name, coordinates,
                        shift.get("shift")));
                FiniteDifferences.assertEveryCoordinate(what + " " + name + " at " + java.util.Arrays.toString(coordinates),
                        alongCoordinates, Map.of("shift", new float[coordinates.length]), Map.of("shift", slope), "shift",
                        1e-4, relativeTolerance);
            }
        }
    }

    private static Map<String, float[]> moved(Map<String, float[]> point, String name, int[] coordinates, float[] shift) {
        Map<String, float[]> result = new LinkedHashMap<>(point);
        float[] values = point.get(name).clone();
        for (int k = 0; k < coordinates.length; k++) {
            values[coordinates[k]] += shift[k];
        }
        result.put(name, values);
        return result;
    }

    private static float[] jittered(float[] values, SplittableRandom random) {
        float[] result = values.clone();
        for (int i = 0; i < result.length; i++) {
            result[i] += (float) (0.1 * random.nextGaussian());
        }
        return result;
    }

    static DropPath dropPath(Ops tf, float keep) {
        return new DropPath(tf.constant(keep), tf.constant(new long[] {7L, 11L}));
    }

    @Test
    void auxiliaryHeadGradientsMatchOnDartsEightByEightFeatures() {
        // 8x8 -> pooled 2x2 -> the 2x2 convolution of DARTS' head. Its second BN normalises 1x1 maps over
        // the batch alone: a batch of 2 or 3 leaves it nearly constant and steep in between, so use 12.
        assertGradientsMatch("auxiliary head", Map4.random(12, 8, 8, 6, 31),
                (scope, x) -> AuxiliaryHead.build(scope.child("auxiliary"), x, 6, 4, org.snas4j.domain.space.NetworkKind.CIFAR));
    }

    @Test
    void dropPathAtKeepProbabilityOneIsTheIdentityWithItsGradient() {
        Map4 x = Map4.random(2, 4, 4, 3, 32);
        BiFunction<NetworkScope, Operand<TFloat32>, Operand<TFloat32>> dropped =
                (scope, input) -> dropPath(scope.tf(), 1f).apply(scope, scope.tf().math.mul(input, input));
        assertGradientsMatch("drop-path keep 1", x, dropped);
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> input = probe.input("x", Shape.of(2, 4, 4, 3));
            probe.finish(dropped.apply(probe.scope(Mode.TRAINING), input), 1);
            float[] squared = x.data().clone();
            for (int i = 0; i < squared.length; i++) {
                squared[i] *= squared[i];
            }
            assertArrayEquals(squared, probe.output(probe.point(Map.of("x", x.data()))), 0f);
        }
    }

    @Test
    void dropPathZeroesWholeExamplesAndRescalesTheRest() {
        int examples = 400;
        Map4 x = Map4.random(examples, 2, 2, 2, 33);
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> input = probe.input("x", Shape.of(examples, 2, 2, 2));
            probe.finish(dropPath(probe.tf(), 0.75f).apply(probe.scope(Mode.TRAINING), input), 1);
            float[] y = probe.output(probe.point(Map.of("x", x.data())));
            int kept = 0;
            for (int n = 0; n < examples; n++) {
                boolean dropped = y[n * 8] == 0f;
                for (int i = n * 8; i < n * 8 + 8; i++) {
                    assertEquals(dropped ? 0f : x.data()[i] / 0.75f, y[i], 1e-6f, "example " + n + " value " + i);
                }
                kept += dropped ? 0 : 1;
            }
            // Binomial(400, 0.75): mean 300, sd 8.7.
            assertEquals(300, kept, 35);
        }
    }

    /**
     * On TensorFlow's kernels: along some coordinates the whole network's objective is not smooth at the
     * scale of the steps (ReLU kinks and max-pool switches of a 20x20 network; a scan of cell0/edge10/bn/gamma
     * in steps of 2.5e-4 shows slopes from 0.05 to 0.16), so the check passes or fails with the last bits of
     * rounding, which this project's kernels round differently. The next test shows that they compute the same
     * gradients.
     */
    @Test
    void wholeTinyChildWithAuxiliaryHeadMatchesFiniteDifferences() {
        TensorFlowKernels.run(() -> assertGradientsMatch("tiny child + auxiliary", tinyChildInput(), ChildNetworkGradientTest::tinyChild,
                30, NETWORK_RELATIVE_TOLERANCE));
    }

    @Test
    void wholeTinyChildHasTensorFlowsGradientsOnTheNativeKernels() {
        assumeTrue(NativeDepthwise.enabled(), "native kernels: " + NativeDepthwise.unavailableReason());
        Map<String, float[]> tensorFlows = TensorFlowKernels.get(ChildNetworkGradientTest::tinyChildGradients);
        Map<String, float[]> ours = tinyChildGradients();
        assertEquals(tensorFlows.keySet(), ours.keySet());
        for (String name : tensorFlows.keySet()) {
            float[] expected = tensorFlows.get(name);
            float[] actual = ours.get(name);
            double scale = 0;
            for (float v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-4 * scale, name + " at " + i);
            }
        }
    }

    private static Map4 tinyChildInput() {
        return Map4.random(4, TINY.inputSize(), TINY.inputSize(), TINY.inputChannels(), 34);
    }

    /** Logits and auxiliary logits of the tiny snas-moderate child, drop-path on with keep probability 1. */
    private static Operand<TFloat32> tinyChild(NetworkScope scope, Operand<TFloat32> x) {
        ChildNetwork.Outputs out = ChildNetwork.training(scope, x, PublishedGenotypes.byName("snas-moderate"), TINY,
                new ChildOptions(true, true), dropPath(scope.tf(), 1f));
        return scope.tf().concat(List.of(out.logits(), out.auxiliaryLogits().orElseThrow()), scope.tf().constant(1));
    }

    /** The tiny child's output ("y") and its gradients by parameter at its seeded initial point. */
    private static Map<String, float[]> tinyChildGradients() {
        Map4 x = tinyChildInput();
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> input = probe.input("x", Shape.of(x.n(), x.h(), x.w(), x.c()));
            probe.finish(tinyChild(probe.scope(Mode.TRAINING), input), 5);
            Map<String, float[]> point = probe.point(Map.of("x", x.data()));
            Map<String, float[]> gradient = probe.gradient(point);
            gradient.put("y", probe.output(point));
            return gradient;
        }
    }

    @Test
    void edgeAllChildWithEmptyNodesMatchesFiniteDifferences() {
        Genotype genotype = edgeAllWithAnEmptyNode();
        assertGradientsMatch("edge-all child", Map4.random(2, TINY.inputSize(), TINY.inputSize(), TINY.inputChannels(), 35),
                (scope, x) -> ChildNetwork.training(scope, x, genotype, TINY, new ChildOptions(false, false), dropPath(scope.tf(), 1f))
                        .logits(), 20, NETWORK_RELATIVE_TOLERANCE);
    }

    /** Edge-all cells reading both inputs; node 2 of the normal cell has only none edges (zeros). */
    static Genotype edgeAllWithAnEmptyNode() {
        Operation[] ops = Operation.values();
        List<CellEdge> normal = new ArrayList<>();
        List<CellEdge> reduction = new ArrayList<>();
        for (int e = 0; e < CellTopology.EDGES; e++) {
            int from = CellTopology.fromNode(e);
            int to = CellTopology.toNode(e);
            normal.add(new CellEdge(to == 2 ? Operation.NONE : ops[e % ops.length], from, to));
            reduction.add(new CellEdge(ops[(e + 5) % ops.length], from, to));
        }
        return new Genotype(new CellGenotype(GenotypeForm.EDGE_ALL, normal), new CellGenotype(GenotypeForm.EDGE_ALL, reduction));
    }

    @Test
    void inferencePassUsesMovingStatisticsAndBuildsNoAuxiliaryHead() {
        try (GraphProbe probe = new GraphProbe()) {
            Placeholder<TFloat32> input = probe.input("x", Shape.of(2, TINY.inputSize(), TINY.inputSize(), TINY.inputChannels()));
            ChildNetwork.Outputs out = ChildNetwork.inference(probe.scope(Mode.INFERENCE), input,
                    PublishedGenotypes.byName("darts-v2"), TINY, new ChildOptions(true, false));
            assertEquals(java.util.Optional.empty(), out.auxiliaryLogits());
            assertEquals(0, probe.scope(Mode.INFERENCE).updates().size());
        }
    }
}
