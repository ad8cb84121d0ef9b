package org.snas4j.adapter.tensorflow.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.Operation;

/**
 * A child network's own passes (one op per edge) against the supernet's passes fed the same one-hot
 * Z: the same loss and the same correct counts, with and without re-estimated batch-norm statistics,
 * for random children and for one whose nodes have only none edges.
 */
class ChildPassesTest {

    @Test
    void aChildsOwnPassesGiveTheSupernetsFiguresUnderItsOneHotZ() {
        try (TensorFlowSupernetTrainer trainer = new TensorFlowSupernetTrainer(TinySupernets.config(TinySupernets.TINY, 3))) {
            trainSomeSteps(trainer);
            Batch calibration = TinySupernets.batch(TinySupernets.TINY, 32, 21);
            Batch heldOut = TinySupernets.batch(TinySupernets.TINY, 32, 22);
            SplittableRandom random = new SplittableRandom(9);
            List<CellPair<EdgeOpMatrix>> children = List.of(ArchitectureDistribution.uniformOneHot(random),
                    ArchitectureDistribution.uniformOneHot(random), ArchitectureDistribution.uniformOneHot(random), noneIntoNodes2And4());
            for (CellPair<EdgeOpMatrix> child : children) {
                assertSameFigures(trainer.evaluateSupernet(heldOut, child), trainer.evaluate(heldOut, child));
                assertSameFigures(trainer.evaluateRecalibratedSupernet(child, List.of(calibration), List.of(heldOut)),
                        trainer.evaluateRecalibrated(child, List.of(calibration), List.of(heldOut)));
            }
        }
    }

    @Test
    void aChildsPassesAreBuiltOnceAndOnlyForOneHotZ() {
        try (TensorFlowSupernetTrainer trainer = new TensorFlowSupernetTrainer(TinySupernets.config(TinySupernets.TINY, 4))) {
            CellPair<EdgeOpMatrix> child = ArchitectureDistribution.uniformOneHot(new SplittableRandom(2));
            assertTrue(SupernetNetwork.isOneHot(child));
            assertFalse(SupernetNetwork.isOneHot(TinySupernets.softZ(1)), "a soft Z runs through the supernet");
            assertFalse(SupernetNetwork.isOneHot(CellPair.of(kind -> EdgeOpMatrix.zeros())), "rows without a one select no child");

            SupernetGraph.ChildPasses first = trainer.graph().child(child);
            long operations = countOperations(trainer);
            SupernetGraph.ChildPasses again = trainer.graph().child(child);
            assertSame(first, again, "the same child's passes are reused");
            assertEquals(operations, countOperations(trainer), "and the graph does not grow");
        }
    }

    private static long countOperations(TensorFlowSupernetTrainer trainer) {
        long count = 0;
        for (var it = trainer.graph().graph.operations(); it.hasNext(); it.next()) {
            count++;
        }
        return count;
    }

    /** Gives the BN layers statistics of their own and the weights some training, so the comparison is not of fresh weights. */
    private static void trainSomeSteps(TensorFlowSupernetTrainer trainer) {
        for (int step = 0; step < 5; step++) {
            trainer.trainStep(TinySupernets.batch(TinySupernets.TINY, 16, 100 + step), TinySupernets.softZ(step), 0.05, step);
        }
    }

    /** Every edge into nodes 2 and 4 chooses none (they are zero), the rest sep_conv_3x3 / max_pool_3x3 by cell. */
    private static CellPair<EdgeOpMatrix> noneIntoNodes2And4() {
        return CellPair.of(kind -> {
            double[] values = new double[EdgeOpMatrix.ROWS * EdgeOpMatrix.COLUMNS];
            for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
                for (int from = 0; from < node; from++) {
                    int edge = CellTopology.edgeIndex(from, node);
                    Operation op = node == 2 || node == 4 ? Operation.NONE
                            : kind == org.snas4j.domain.space.CellKind.NORMAL ? Operation.SEP_CONV_3X3 : Operation.MAX_POOL_3X3;
                    values[edge * EdgeOpMatrix.COLUMNS + op.ordinal()] = 1;
                }
            }
            return EdgeOpMatrix.ofRowMajor(values);
        });
    }

    private static void assertSameFigures(EvaluationResult supernet, EvaluationResult child) {
        assertEquals(supernet.count(), child.count());
        assertEquals(supernet.correct(), child.correct(), "correct: supernet " + supernet + ", child " + child);
        assertEquals(supernet.correctTop5(), child.correctTop5());
        assertEquals(supernet.lossSum(), child.lossSum(), 1e-4 * Math.max(1, supernet.lossSum()),
                "loss: supernet " + supernet + ", child " + child);
    }
}
