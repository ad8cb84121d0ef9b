package org.snas4j.adapter.tensorflow.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.training.StepResult;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.WeightStepResult;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkLayout;
import org.snas4j.domain.space.Operation;

/**
 * A weights-only step ({@link TensorFlowSupernetTrainer#trainWeightsStep}) leaves the ops Z weights by 0
 * uncomputed and still makes {@code trainStep}'s update: the same loss, the same weights and momentum buffers
 * (zero gradients for the left-out ops, whose weights move by momentum and weight decay alone), the same BN
 * statistics for every computed op; a left-out op's statistics keep their values.
 */
class WeightsStepTest {

    private static final double RELATIVE = 1e-5;
    private static final Pattern OP_VARIABLE = Pattern.compile("cell(\\d+)/edge(\\d+)/([a-z0-9_]+)/.*");

    @Test
    void oneHotPathsGiveTheFullStepsUpdate() {
        SupernetConfig config = TinySupernets.config(TinySupernets.TINY, 5).withDropPath(0.3);
        NetworkLayout layout = NetworkLayout.of(TinySupernets.TINY);
        try (TensorFlowSupernetTrainer full = new TensorFlowSupernetTrainer(config);
             TensorFlowSupernetTrainer weightsOnly = new TensorFlowSupernetTrainer(config)) {
            Map<String, float[]> initial = weightsOnly.variables().read(weightsOnly.session());
            SplittableRandom paths = new SplittableRandom(3);
            int leftOutStatistics = 0;
            for (int step = 0; step < 3; step++) {
                Batch batch = TinySupernets.batch(TinySupernets.TINY, 16, 40 + step);
                CellPair<EdgeOpMatrix> z = ArchitectureDistribution.uniformOneHot(paths);
                StepResult expected = full.trainStep(batch, z, 0.05, step);
                WeightStepResult actual = weightsOnly.trainWeightsStep(batch, z, 0.05, step);
                assertEquals(expected.loss(), actual.loss(), RELATIVE * expected.loss(), "loss at step " + step);
                assertEquals(expected.accuracy(), actual.accuracy(), "accuracy at step " + step);

                Map<String, float[]> fullState = full.variables().read(full.session());
                Map<String, float[]> state = weightsOnly.variables().read(weightsOnly.session());
                for (Map.Entry<String, float[]> entry : state.entrySet()) {
                    String name = entry.getKey();
                    if (name.contains("moving_") && !computed(layout, z, name)) {
                        // Never computed on these paths so far (each step draws new ones): still the initial values.
                        if (step == 0) {
                            assertArrayEquals(initial.get(name), entry.getValue(), name + " of a left-out op");
                            leftOutStatistics++;
                        }
                        continue;
                    }
                    if (!name.contains("moving_") || step == 0) {
                        assertClose("step " + step + " " + name, fullState.get(name), entry.getValue());
                    }
                }
            }
            assertTrue(leftOutStatistics > 0, "one-hot paths leave ops out");
        }
    }

    @Test
    void aZWithoutZerosComputesEverything() {
        SupernetConfig config = TinySupernets.config(TinySupernets.TINY, 6);
        try (TensorFlowSupernetTrainer full = new TensorFlowSupernetTrainer(config);
             TensorFlowSupernetTrainer weightsOnly = new TensorFlowSupernetTrainer(config)) {
            Batch batch = TinySupernets.batch(TinySupernets.TINY, 16, 7);
            CellPair<EdgeOpMatrix> z = TinySupernets.softZ(8);
            StepResult expected = full.trainStep(batch, z, 0.05, 0);
            WeightStepResult actual = weightsOnly.trainWeightsStep(batch, z, 0.05, 0);
            assertEquals(expected.loss(), actual.loss(), RELATIVE * expected.loss());
            Map<String, float[]> fullState = full.variables().read(full.session());
            weightsOnly.variables().read(weightsOnly.session()).forEach((name, values) -> assertClose(name, fullState.get(name), values));
        }
    }

    /** Whether the op that variable {@code name} belongs to is weighted above 0 by {@code z}; true outside mixed edges. */
    private static boolean computed(NetworkLayout layout, CellPair<EdgeOpMatrix> z, String name) {
        Matcher m = OP_VARIABLE.matcher(name);
        if (!m.matches()) {
            return true;
        }
        var kind = layout.cells().get(Integer.parseInt(m.group(1))).kind();
        return z.get(kind).get(Integer.parseInt(m.group(2)), Operation.fromId(m.group(3))) != 0;
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        TinySupernets.assertNormClose(what, expected, actual, RELATIVE, 1e-7);
    }
}
