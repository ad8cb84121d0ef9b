package org.snas4j.adapter.tensorflow.supernet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.tensorflow.train.SessionSettings;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.Operation;

/**
 * A derived child's BN re-estimation and evaluation run in a graph of the child's ops alone
 * ({@link ChildEvaluationGraph}, {@link OpSelection}): they must give what the supernet's passes give under the
 * same Z and leave the supernet as it was.
 */
class ChildEvaluationGraphTest {

    /** Every edge one op, drawn uniformly (none included): an edge-all child. */
    private static final CellPair<EdgeOpMatrix> EDGE_ALL = ArchitectureDistribution.uniformOneHot(new SplittableRandom(31));

    private static TensorFlowSupernetTrainer trainer;
    private static Batch calibration;
    private static Batch probe;

    @BeforeAll
    static void trainAFewSteps() {
        trainer = new TensorFlowSupernetTrainer(TinySupernets.config(TinySupernets.TINY, 4));
        for (int step = 0; step < 8; step++) {
            trainer.trainStep(TinySupernets.batch(TinySupernets.TINY, 16, 40 + step), TinySupernets.softZ(step), 0.05, step);
        }
        calibration = TinySupernets.batch(TinySupernets.TINY, 24, 60);
        probe = TinySupernets.batch(TinySupernets.TINY, 32, 61);
    }

    @AfterAll
    static void close() {
        trainer.close();
    }

    @Test
    void aChildsGraphEvaluatesAsTheSupernetDoesUnderItsZ() {
        for (CellPair<EdgeOpMatrix> child : List.of(EDGE_ALL, topTwoWithAnEmptyNode(), noneButPools())) {
            assertClose(trainer.evaluateRecalibratedOnTheSupernet(child, List.of(calibration), List.of(probe)),
                    trainer.evaluateRecalibrated(child, List.of(calibration), List.of(probe)), child);
        }
    }

    @Test
    void itHoldsOnlyTheChildsOpsAndTheSupernetIsLeftAsItWas() {
        int supernetOperations = operations(trainer.graph().graph);
        Map<String, float[]> before = trainer.variables().read(trainer.session());
        try (ChildEvaluationGraph child = new ChildEvaluationGraph(trainer.graph().layout, OpSelection.chosenBy(noneButPools()),
                SessionSettings.of(Device.CPU, 1), before)) {
            // The supernet's graph (both passes, the gradients, the update) holds many times as many ops.
            int childOperations = operations(child.graph);
            assertTrue(childOperations < supernetOperations / 8, childOperations + " ops for a child of pools, the supernet has "
                    + supernetOperations);
        }
        trainer.evaluateRecalibrated(topTwoWithAnEmptyNode(), List.of(calibration), List.of(probe));
        trainer.evaluateRecalibrated(TinySupernets.softZ(70), List.of(calibration), List.of(probe));
        assertEquals(supernetOperations, operations(trainer.graph().graph), "nothing is added to the supernet's graph");
        Map<String, float[]> after = trainer.variables().read(trainer.session());
        before.forEach((name, values) -> assertArrayEquals(values, after.get(name), name + " unchanged"));
    }

    @Test
    void aChildNeedsTheSupernetsValuesOfItsVariables() {
        Map<String, float[]> values = trainer.variables().read(trainer.session());
        values.keySet().removeIf(name -> name.contains("classifier"));
        assertThrows(IllegalArgumentException.class, () -> new ChildEvaluationGraph(trainer.graph().layout,
                OpSelection.chosenBy(EDGE_ALL), SessionSettings.of(Device.CPU, 1), values).close());
    }

    @Test
    void onlyZeroOrOneEntriesMakeAChild() {
        assertTrue(OpSelection.isDiscrete(EDGE_ALL));
        assertFalse(OpSelection.isDiscrete(TinySupernets.softZ(3)));
        assertThrows(IllegalArgumentException.class, () -> OpSelection.chosenBy(TinySupernets.softZ(3)));
        OpSelection selection = OpSelection.chosenBy(EDGE_ALL);
        for (int edge = 0; edge < CellTopology.EDGES; edge++) {
            int chosen = EDGE_ALL.normal().argmax(edge);
            for (Operation op : Operation.all()) {
                assertEquals(op.ordinal() == chosen, selection.keeps(CellKind.NORMAL, edge, op), "edge " + edge + " " + op);
                assertTrue(OpSelection.ALL.keeps(CellKind.NORMAL, edge, op));
            }
        }
    }

    /** EDGE_ALL with, per node, only its first two incoming edges, and node 2's two edges dropped: zeros. */
    private static CellPair<EdgeOpMatrix> topTwoWithAnEmptyNode() {
        return EDGE_ALL.map(z -> {
            EdgeOpMatrix kept = z;
            for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
                for (int from = 0; from < node; from++) {
                    if (node == CellTopology.INPUT_NODES || from >= 2) {
                        kept = zeroRow(kept, CellTopology.edgeIndex(from, node));
                    }
                }
            }
            return kept;
        });
    }

    /** Max pools on every edge but node 3's, whose edges are none: a child with no parameters in its cells. */
    private static CellPair<EdgeOpMatrix> noneButPools() {
        return CellPair.of(kind -> {
            double[][] rows = new double[EdgeOpMatrix.ROWS][EdgeOpMatrix.COLUMNS];
            for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
                Operation op = node == CellTopology.INPUT_NODES + 1 ? Operation.NONE : Operation.MAX_POOL_3X3;
                for (int from = 0; from < node; from++) {
                    rows[CellTopology.edgeIndex(from, node)][op.ordinal()] = 1;
                }
            }
            return EdgeOpMatrix.of(rows);
        });
    }

    private static EdgeOpMatrix zeroRow(EdgeOpMatrix z, int edge) {
        EdgeOpMatrix zeroed = z;
        for (int op = 0; op < EdgeOpMatrix.COLUMNS; op++) {
            zeroed = zeroed.with(edge, op, 0);
        }
        return zeroed;
    }

    private static int operations(org.tensorflow.Graph graph) {
        int count = 0;
        for (var it = graph.operations(); it.hasNext(); it.next()) {
            count++;
        }
        return count;
    }

    private static void assertClose(EvaluationResult supernet, EvaluationResult child, CellPair<EdgeOpMatrix> z) {
        assertEquals(supernet.count(), child.count());
        assertEquals(supernet.correct(), child.correct(), "top-1 under " + z);
        assertEquals(supernet.correctTop5(), child.correctTop5(), "top-5 under " + z);
        // The same terms summed in another order: rounding apart, the same loss.
        assertEquals(supernet.lossSum(), child.lossSum(), 1e-5 * Math.abs(supernet.lossSum()), "loss under " + z);
    }
}
