package org.snas4j.adapter.tensorflow.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.adapter.tensorflow.feed.BatchFeeds;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.adapter.tensorflow.testing.FiniteDifferences;
import org.snas4j.adapter.tensorflow.train.VariableCheckpoint;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.application.port.out.training.StepResult;
import org.snas4j.domain.genotype.NetworkParameterCount;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellShape;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.EdgeShape;
import org.snas4j.domain.space.NetworkLayout;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** The supernet trainer on the tiny 3-cell network (normal, reduction, reduction after reduction). */
class SupernetTrainerTest {

    private static TensorFlowSupernetTrainer shared;

    @BeforeAll
    static void buildShared() {
        shared = trainer(1);
    }

    @AfterAll
    static void closeShared() {
        shared.close();
    }

    static TensorFlowSupernetTrainer trainer(long seed) {
        return new TensorFlowSupernetTrainer(TinySupernets.config(TinySupernets.TINY, seed));
    }

    @Test
    void overfitsOneFixedBatch() {
        try (TensorFlowSupernetTrainer trainer = trainer(2)) {
            Batch batch = TinySupernets.batch(TinySupernets.TINY, 8, 20);
            CellPair<EdgeOpMatrix> z = TinySupernets.softZ(21);
            EvaluationResult before = trainer.evaluate(batch, z);
            double first = trainer.trainStep(batch, z, 0.05, 0).loss();
            StepResult last = null;
            for (int i = 0; i < 29; i++) {
                last = trainer.trainStep(batch, z, 0.05, 0);
            }
            assertTrue(last.loss() < 0.2 * first, "loss " + first + " -> " + last.loss());
            assertEquals(1.0, last.accuracy());
            EvaluationResult after = trainer.evaluate(batch, z);
            // Inference uses the moving statistics, which have followed the training batches.
            assertTrue(after.meanLoss() < before.meanLoss(), "inference loss " + before.meanLoss() + " -> " + after.meanLoss());
        }
    }

    @Test
    void lossGradientWithRespectToZMatchesFiniteDifferences() {
        Batch batch = TinySupernets.batch(TinySupernets.TINY, 6, 30);
        try (LossProbe probe = new LossProbe(shared, batch)) {
            CellPair<EdgeOpMatrix> z = TinySupernets.softZ(31);
            Map<String, float[]> point = new LinkedHashMap<>();
            point.put("normal", z.normal().toFloatRowMajor());
            point.put("reduction", z.reduction().toFloatRowMajor());
            Map<String, float[]> gradient = probe.gradient(point);
            FiniteDifferences.assertDirectionalDerivatives("dLoss/dZ", probe::loss, point, gradient,
                    List.of("normal", "reduction"), 3, 1e-2, 32);
            for (String kind : List.of("normal", "reduction")) {
                // Every op of an edge leaving an input node and of one between intermediate nodes.
                for (int edge : new int[] {1, 4}) {
                    FiniteDifferences.assertEveryCoordinate("dLoss/dZ " + kind + " edge " + edge, probe::loss, point,
                            Map.of(kind, gradient.get(kind)), kind, 1e-4, 1e-2, edge * Operation.COUNT, Operation.COUNT);
                }
            }
            assertEquals(0f, gradient.get("normal")[Operation.NONE.ordinal()], "none contributes nothing, whatever its weight");
        }
    }

    @Test
    void stepResultCarriesTheLossGradientWithRespectToZ() {
        Batch batch = TinySupernets.batch(TinySupernets.TINY, 6, 40);
        CellPair<EdgeOpMatrix> z = TinySupernets.softZ(41);
        try (TensorFlowSupernetTrainer trainer = trainer(3); LossProbe probe = new LossProbe(trainer, batch)) {
            Map<String, float[]> point = Map.of("normal", z.normal().toFloatRowMajor(), "reduction", z.reduction().toFloatRowMajor());
            Map<String, float[]> expected = probe.gradient(point);
            double expectedLoss = probe.loss(point);
            StepResult step = trainer.trainStep(batch, z, 0.1, 0);
            assertEquals(expectedLoss, step.loss(), 1e-6);
            assertArrayEquals(expected.get("normal"), step.lossGradientZ().normal().toFloatRowMajor(), 1e-6f);
            assertArrayEquals(expected.get("reduction"), step.lossGradientZ().reduction().toFloatRowMajor(), 1e-6f);
            assertTrue(step.lossGradientZ().reduction().squaredNorm() > 0);
            // The step changed the weights, so the same batch now has another loss.
            assertTrue(Math.abs(probe.loss(point) - expectedLoss) > 1e-6);
        }
    }

    @Test
    void sameSeedGivesTheSameInitialWeightsAndAnotherSeedOthers() {
        try (TensorFlowSupernetTrainer again = trainer(1); TensorFlowSupernetTrainer other = trainer(2)) {
            Map<String, float[]> reference = shared.variables().read(shared.session());
            Map<String, float[]> same = again.variables().read(again.session());
            Map<String, float[]> different = other.variables().read(other.session());
            for (String name : shared.variables().names(VariableStore.Kind.TRAINABLE)) {
                assertArrayEquals(reference.get(name), same.get(name), name);
                boolean drawn = !name.endsWith("/gamma") && !name.endsWith("/beta");
                assertEquals(drawn, !Arrays.equals(reference.get(name), different.get(name)), name);
            }
        }
    }

    @Test
    void restoredVariablesReproduceTheFollowingStepsBitForBit(@TempDir Path directory) {
        Batch first = TinySupernets.batch(TinySupernets.TINY, 8, 50);
        Batch second = TinySupernets.batch(TinySupernets.TINY, 8, 51);
        CellPair<EdgeOpMatrix> z = TinySupernets.softZ(52);
        try (TensorFlowSupernetTrainer trainer = trainer(4)) {
            trainer.trainStep(first, z, 0.05, 0);
            trainer.trainStep(second, z, 0.05, 0);
            trainer.saveVariables(directory);
            Map<String, float[]> saved = trainer.variables().read(trainer.session());
            List<StepResult> original = steps(trainer, first, second, z);
            Map<String, float[]> originalEnd = trainer.variables().read(trainer.session());
            // Wander off (other data, other rate), then come back.
            trainer.trainStep(TinySupernets.batch(TinySupernets.TINY, 8, 53), TinySupernets.softZ(54), 0.3, 0);
            trainer.restoreVariables(directory);
            assertSameValues(saved, trainer.variables().read(trainer.session()));
            assertEquals(original, steps(trainer, first, second, z));
            assertSameValues(originalEnd, trainer.variables().read(trainer.session()));

            // A fresh trainer (another graph build) restores the same values; TensorFlow's gradient
            // builder orders sums by memory address, so across graph builds steps agree to rounding.
            try (TensorFlowSupernetTrainer fresh = trainer(99)) {
                fresh.restoreVariables(directory);
                assertSameValues(saved, fresh.variables().read(fresh.session()));
                List<StepResult> again = steps(fresh, first, second, z);
                for (int i = 0; i < again.size(); i++) {
                    assertEquals(original.get(i).loss(), again.get(i).loss(), 1e-5);
                    assertArrayEquals(original.get(i).lossGradientZ().normal().toFloatRowMajor(),
                            again.get(i).lossGradientZ().normal().toFloatRowMajor(), 1e-5f);
                }
            }
        }
    }

    private static List<StepResult> steps(TensorFlowSupernetTrainer trainer, Batch first, Batch second, CellPair<EdgeOpMatrix> z) {
        List<StepResult> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            results.add(trainer.trainStep(i % 2 == 0 ? first : second, z, 0.04, 0));
        }
        return results;
    }

    private static void assertSameValues(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), actual.get(name), name);
        }
    }

    @Test
    void checkpointHoldsWeightsStatisticsAndMomentumBuffers(@TempDir Path directory) {
        shared.saveVariables(directory);
        List<String> names = shared.variables().names();
        assertTrue(names.stream().anyMatch(n -> n.endsWith("/moving_mean")));
        assertTrue(names.stream().anyMatch(n -> n.startsWith("momentum/")));
        assertEquals(shared.variables().names(VariableStore.Kind.TRAINABLE).size(),
                names.stream().filter(n -> n.startsWith("momentum/")).count());
        assertTrue(Files.isRegularFile(directory.resolve(VariableCheckpoint.FILE_NAME)));
        // Written through a temporary sibling renamed into place: only the checkpoint itself is left.
        try (var entries = Files.list(directory)) {
            assertEquals(List.of(VariableCheckpoint.FILE_NAME), entries.map(p -> p.getFileName().toString()).toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void damagedOrForeignCheckpointsAreRefusedWithoutTouchingTheWeights(@TempDir Path directory) throws IOException {
        Path missing = directory.resolve("missing");
        assertThrows(InvalidInputException.class, () -> shared.restoreVariables(missing));

        Path truncated = directory.resolve("truncated");
        shared.saveVariables(truncated);
        Path file = truncated.resolve(VariableCheckpoint.FILE_NAME);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        Map<String, float[]> before = shared.variables().read(shared.session());
        InvalidInputException cut = assertThrows(InvalidInputException.class, () -> shared.restoreVariables(truncated));
        assertTrue(cut.problem().contains("truncated"), cut.getMessage());

        Path corrupt = directory.resolve("corrupt");
        shared.saveVariables(corrupt);
        Path corruptFile = corrupt.resolve(VariableCheckpoint.FILE_NAME);
        byte[] bytes = Files.readAllBytes(corruptFile);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(corruptFile, bytes);
        InvalidInputException flipped = assertThrows(InvalidInputException.class, () -> shared.restoreVariables(corrupt));
        assertTrue(flipped.problem().contains("checksum") || flipped.problem().contains("variable"), flipped.getMessage());

        Path foreign = directory.resolve("foreign");
        try (TensorFlowSupernetTrainer wider = new TensorFlowSupernetTrainer(
                TinySupernets.config(TinySupernets.TINY.withInitialChannels(6), 1))) {
            wider.saveVariables(foreign);
        }
        InvalidInputException shape = assertThrows(InvalidInputException.class, () -> shared.restoreVariables(foreign));
        assertTrue(shape.problem().contains("shape"), shape.getMessage());

        assertSameValues(before, shared.variables().read(shared.session()));
    }

    @Test
    void evaluationCountsTopOneAndTopFiveWithoutChangingTheWeights() {
        NetworkShape shape = TinySupernets.TINY;
        Batch batch = TinySupernets.batch(shape, 7, 60);
        CellPair<EdgeOpMatrix> z = TinySupernets.softZ(61);
        Map<String, float[]> before = shared.variables().read(shared.session());
        EvaluationResult first = shared.evaluate(batch, z);
        EvaluationResult second = shared.evaluate(batch, z);
        assertEquals(first, second);
        assertEquals(7, first.count());
        assertTrue(first.correct() <= first.correctTop5());
        assertEquals(7, first.correctTop5(), "3 classes: the label is always among the top 5");
        assertTrue(first.lossSum() > 0 && Double.isFinite(first.lossSum()));
        assertSameValues(before, shared.variables().read(shared.session()));
    }

    @Test
    void topFiveCountsDifferFromTopOneWithTenClasses() {
        NetworkShape tenClasses = new NetworkShape(1, 2, 4, 1, 10);
        try (TensorFlowSupernetTrainer trainer = new TensorFlowSupernetTrainer(TinySupernets.config(tenClasses, 3))) {
            EvaluationResult result = trainer.evaluate(TinySupernets.batch(tenClasses, 40, 62), TinySupernets.softZ(63));
            assertTrue(result.correct() < result.correctTop5(), result.toString());
            assertTrue(result.correctTop5() < 40, result.toString());
        }
    }

    @Test
    void parameterCountIsTheDartsSearchNetworksWeightCount() {
        NetworkLayout layout = NetworkLayout.of(TinySupernets.TINY);
        NetworkShape shape = layout.shape();
        long expected = (long) shape.inputChannels() * shape.stemChannels() * 9 + 2L * shape.stemChannels();
        for (CellShape cell : layout.cells()) {
            int c = cell.channels();
            // Preprocessing: a 1x1 conv, or FactorizedReduce's two 1x1 convs to c/2 each (as many weights).
            expected += (long) cell.prevPrevChannels() * c + (long) cell.prevChannels() * c;
            for (int e = 0; e < CellTopology.EDGES; e++) {
                EdgeShape edge = cell.edge(e);
                expected += 2L * (c * 9 + c * c) + 2L * (c * 25 + c * c) + (c * 9 + c * c) + (c * 25 + c * c);
                if (edge.isReducing()) {
                    expected += (long) c * c;
                }
            }
        }
        expected += (long) layout.classifierInputs() * shape.classes() + shape.classes();
        assertEquals(expected, shared.parameterCount());
        assertEquals(NetworkParameterCount.ofSupernet(shape), shared.parameterCount(), "the domain's count of the same network");
        assertEquals(2, layout.count(CellKind.REDUCTION));
    }

    @Test
    void batchesThatDoNotFitTheNetworkAreRefused() {
        NetworkShape other = new NetworkShape(3, 4, 16, 1, 3);
        Batch wrongSize = TinySupernets.batch(other, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> shared.trainStep(wrongSize, TinySupernets.softZ(1), 0.1, 0));
        Batch wrongLabel = new Batch(1, 8, 8, 1, 3, new float[64], new int[] {3});
        assertThrows(IllegalArgumentException.class, () -> shared.evaluate(wrongLabel, TinySupernets.softZ(1)));
        Batch fine = TinySupernets.batch(TinySupernets.TINY, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> shared.trainStep(fine, TinySupernets.softZ(1), Double.NaN, 0));
    }

    @Test
    void aClosedTrainerRefusesWork() {
        TensorFlowSupernetTrainer trainer = new TensorFlowSupernetTrainer(
                TinySupernets.config(new NetworkShape(1, 2, 4, 1, 2), 1));
        trainer.close();
        trainer.close();
        assertThrows(IllegalStateException.class,
                () -> trainer.evaluate(TinySupernets.batch(new NetworkShape(1, 2, 4, 1, 2), 1, 1), TinySupernets.softZ(1)));
    }

    /** Loss and dLoss/dZ of a fixed batch with the weights held still (no update op). */
    static final class LossProbe implements AutoCloseable {
        private final TensorFlowSupernetTrainer trainer;
        private final BatchFeeds feeds;
        private final BatchFeeds.Tensors inputs;

        LossProbe(TensorFlowSupernetTrainer trainer, Batch batch) {
            this.trainer = trainer;
            this.feeds = new BatchFeeds(TinySupernets.TINY);
            this.inputs = feeds.fill(batch);
        }

        double loss(Map<String, float[]> z) {
            try (Run run = run(z, false)) {
                return ((TFloat32) run.result.get(0)).getFloat();
            }
        }

        Map<String, float[]> gradient(Map<String, float[]> z) {
            try (Run run = run(z, true)) {
                float[] normal = new float[EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS];
                float[] reduction = new float[normal.length];
                ((TFloat32) run.result.get(1)).copyTo(DataBuffers.of(normal, false, false));
                ((TFloat32) run.result.get(2)).copyTo(DataBuffers.of(reduction, false, false));
                return Map.of("normal", normal, "reduction", reduction);
            }
        }

        private Run run(Map<String, float[]> z, boolean withGradient) {
            SupernetGraph g = trainer.graph();
            Shape zShape = Shape.of(EdgeOpMatrix.ROWS, EdgeOpMatrix.COLUMNS);
            TFloat32 normal = TFloat32.tensorOf(zShape, DataBuffers.of(z.get("normal")));
            TFloat32 reduction = TFloat32.tensorOf(zShape, DataBuffers.of(z.get("reduction")));
            Session.Runner runner = trainer.session().runner()
                    .feed(g.inputs.images(), inputs.images()).feed(g.inputs.oneHotLabels(), inputs.oneHotLabels())
                    .feed(g.inputs.labels(), inputs.labels())
                    .feed(g.inputs.z().normal(), normal).feed(g.inputs.z().reduction(), reduction)
                    .fetch(g.full.loss());
            if (withGradient) {
                runner.fetch(g.full.lossGradientZ().normal()).fetch(g.full.lossGradientZ().reduction());
            }
            return new Run(runner.run(), normal, reduction);
        }

        private record Run(Result result, TFloat32 normal, TFloat32 reduction) implements AutoCloseable {
            @Override
            public void close() {
                result.close();
                normal.close();
                reduction.close();
            }
        }

        @Override
        public void close() {
            feeds.close();
        }
    }
}
