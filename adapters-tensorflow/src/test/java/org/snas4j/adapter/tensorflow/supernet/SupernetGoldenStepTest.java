package org.snas4j.adapter.tensorflow.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.application.port.out.training.StepResult;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.NetworkShape;

/**
 * The supernet's numbers are those of the graph before its performance rewrites (shared ReLUs, fused
 * depthwise convolutions): one training step with drop-path on a fixed seed, batch and Z gives the
 * loss, dLoss/dZ, every weight's gradient (its momentum buffer after one step: the clipped gradient
 * plus weight decay) and every BN layer's updated statistics that the original graph gave, and the
 * inference pass after it agrees too. The reference files in {@code src/test/resources/.../supernet/golden-step}
 * were written by the original graph; {@code -Dsnas4j.writeGolden=true} rewrites them from the current
 * graph, which only a deliberate change of the network's mathematics may do.
 */
class SupernetGoldenStepTest {

    private static final Path GOLDEN = Path.of("src/test/resources/org/snas4j/adapter/tensorflow/supernet/golden-step");
    /** Normal, reduction, reduction after a reduction; C = 2 keeps the reference file small. */
    private static final NetworkShape SHAPE = new NetworkShape(3, 2, 8, 1, 3);
    /** Float32 sums in another order: relative 1e-4 on top of an absolute floor for values near 0. */
    private static final double RELATIVE = 1e-4;
    private static final double ABSOLUTE = 1e-6;

    @Test
    void oneStepMatchesTheOriginalGraph() throws IOException {
        Batch batch = TinySupernets.batch(SHAPE, 16, 11);
        CellPair<EdgeOpMatrix> z = TinySupernets.softZ(13);
        try (TensorFlowSupernetTrainer trainer = new TensorFlowSupernetTrainer(TinySupernets.config(SHAPE, 5).withDropPath(0.3))) {
            StepResult step = trainer.trainStep(batch, z, 0.05, 3);
            EvaluationResult evaluation = trainer.evaluate(batch, z);
            List<Double> scalars = new ArrayList<>(List.of(step.loss(), step.accuracy(), evaluation.lossSum(), (double) evaluation.correct()));
            for (EdgeOpMatrix gradient : List.of(step.lossGradientZ().normal(), step.lossGradientZ().reduction())) {
                for (float value : gradient.toFloatRowMajor()) {
                    scalars.add((double) value);
                }
            }
            Map<String, float[]> gradientsAndStatistics = new LinkedHashMap<>();
            trainer.variables().read(trainer.session()).forEach((name, values) -> {
                if (name.startsWith("momentum/") || name.contains("moving_")) {
                    gradientsAndStatistics.put(name, values);
                }
            });
            if (Boolean.getBoolean("snas4j.writeGolden")) {
                write(scalars, gradientsAndStatistics);
                return;
            }
            List<Double> expected = Files.readAllLines(GOLDEN.resolve("scalars.txt")).stream().map(Double::valueOf).toList();
            assertClose("loss, accuracy, evaluation, dLoss/dZ", expected, scalars);
            Map<String, float[]> original = readVariables();
            assertEquals(original.keySet(), gradientsAndStatistics.keySet(), "the same variables");
            original.forEach((name, values) -> assertClose(name, toList(values), toList(gradientsAndStatistics.get(name))));
        }
    }

    private static void write(List<Double> scalars, Map<String, float[]> variables) throws IOException {
        Files.createDirectories(GOLDEN);
        Files.write(GOLDEN.resolve("scalars.txt"), scalars.stream().map(v -> Double.toString(v)).toList());
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(GOLDEN.resolve("variables.bin")))) {
            out.writeInt(variables.size());
            for (Map.Entry<String, float[]> entry : variables.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeInt(entry.getValue().length);
                for (float value : entry.getValue()) {
                    out.writeFloat(value);
                }
            }
        }
    }

    private static Map<String, float[]> readVariables() throws IOException {
        Map<String, float[]> variables = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(Files.newInputStream(GOLDEN.resolve("variables.bin")))) {
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                float[] values = new float[in.readInt()];
                for (int j = 0; j < values.length; j++) {
                    values[j] = in.readFloat();
                }
                variables.put(name, values);
            }
        }
        return variables;
    }

    private static void assertClose(String what, List<Double> expected, List<Double> actual) {
        assertEquals(expected.size(), actual.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i);
            double a = actual.get(i);
            assertTrue(Math.abs(a - e) <= ABSOLUTE + RELATIVE * Math.abs(e), what + "[" + i + "]: expected " + e + ", got " + a);
        }
    }

    private static List<Double> toList(float[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add((double) v);
        }
        return list;
    }
}
