package org.snas4j.domain.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetworkLayoutTest {

    private static final Set<Integer> EDGES_FROM_INPUTS = Set.of(0, 1, 2, 3, 5, 6, 9, 10);

    /** index, reduction, previousWasReduction, prevPrevChannels, prevChannels, C, inputSize, outputSize. */
    private record Row(int index, boolean reduction, boolean previousWasReduction, int prevPrev, int prev, int c, int in, int out) {
    }

    @Test
    void paperSearchNetworkCellByCell() {
        // 8 cells, C = 16, 32x32: reductions at 8/3 = 2 and 16/3 = 5; stem 3C = 48; cells emit 4C.
        List<Row> expected = List.of(
                new Row(0, false, false, 48, 48, 16, 32, 32),
                new Row(1, false, false, 48, 64, 16, 32, 32),
                new Row(2, true, false, 64, 64, 32, 32, 16),
                new Row(3, false, true, 64, 128, 32, 16, 16),
                new Row(4, false, false, 128, 128, 32, 16, 16),
                new Row(5, true, false, 128, 128, 64, 16, 8),
                new Row(6, false, true, 128, 256, 64, 8, 8),
                new Row(7, false, false, 256, 256, 64, 8, 8));
        NetworkLayout layout = NetworkLayout.of(NetworkShape.paperSearch());
        assertCells(expected, layout);
        assertEquals(256, layout.classifierInputs());
        assertEquals(8, layout.finalSize());
        assertEquals(6, layout.count(CellKind.NORMAL));
        assertEquals(2, layout.count(CellKind.REDUCTION));
    }

    @Test
    void inputZeroOfTheCellAfterAReductionIsTwiceAsLarge() {
        NetworkLayout layout = NetworkLayout.of(NetworkShape.paperSearch());
        assertEquals(32, layout.cell(3).prevPrevSize());
        assertEquals(16, layout.cell(4).prevPrevSize());
        assertEquals(16, layout.cell(6).prevPrevSize());
        assertEquals(32, layout.cell(0).prevPrevSize());
    }

    @Test
    void paperEvaluationNetworkReducesAtSixAndThirteen() {
        NetworkLayout layout = NetworkLayout.of(NetworkShape.paperEvaluation());
        for (CellShape cell : layout.cells()) {
            int i = cell.index();
            assertEquals(i == 6 || i == 13, cell.isReduction(), "cell " + i);
            assertEquals(i == 7 || i == 14, cell.previousWasReduction(), "cell " + i);
            assertEquals(i < 6 ? 36 : i < 13 ? 72 : 144, cell.channels(), "C of cell " + i);
            assertEquals(i < 6 ? 32 : i < 13 ? 16 : 8, cell.outputSize(), "output size of cell " + i);
        }
        assertEquals(576, layout.classifierInputs());
    }

    @Test
    void everyEdgeOfEveryCellHasTheCellsChannelsAndStride() {
        NetworkLayout layout = NetworkLayout.of(NetworkShape.paperSearch());
        for (CellShape cell : layout.cells()) {
            for (int e = 0; e < CellTopology.EDGES; e++) {
                boolean reducing = cell.isReduction() && EDGES_FROM_INPUTS.contains(e);
                EdgeShape expected = reducing
                        ? new EdgeShape(cell.channels(), 2, cell.outputSize() * 2, cell.outputSize())
                        : new EdgeShape(cell.channels(), 1, cell.outputSize(), cell.outputSize());
                assertEquals(expected, cell.edge(e), "cell " + cell.index() + " edge " + e);
            }
        }
        // Spot checks with literal numbers: cell 2 reduces 32 -> 16 at C = 32, cell 7 is 8x8 at C = 64.
        assertEquals(new EdgeShape(32, 2, 32, 16), layout.cell(2).edge(10));
        assertEquals(new EdgeShape(32, 1, 16, 16), layout.cell(2).edge(13));
        assertEquals(new EdgeShape(64, 1, 8, 8), layout.cell(7).edge(0));
    }

    @Test
    void twoAdjacentReductionsInATwoCellNetwork() {
        // layers 2: reductions at 2/3 = 0 and 4/3 = 1.
        NetworkLayout layout = NetworkLayout.of(new NetworkShape(2, 4, 8, 3, 10));
        assertCells(List.of(
                new Row(0, true, false, 12, 12, 8, 8, 4),
                new Row(1, true, true, 12, 32, 16, 4, 2)), layout);
        assertEquals(8, layout.cell(1).prevPrevSize());
        assertEquals(64, layout.classifierInputs());
    }

    @Test
    void oneCellNetworkHasOneReduction() {
        NetworkLayout layout = NetworkLayout.of(new NetworkShape(1, 4, 2, 1, 2));
        assertEquals(1, layout.count(CellKind.REDUCTION));
        assertEquals(0, layout.count(CellKind.NORMAL));
        assertEquals(1, layout.finalSize());
    }

    @Test
    void mnistSizedInputHalvesTwice() {
        NetworkLayout layout = NetworkLayout.of(new NetworkShape(5, 8, 28, 1, 10));
        assertEquals(List.of(28, 14, 14, 7, 7), layout.cells().stream().map(CellShape::outputSize).toList());
        assertEquals(List.of(8, 16, 16, 32, 32), layout.cells().stream().map(CellShape::channels).toList());
    }

    @Test
    void inputSizeMustHalveExactly() {
        assertThrows(IllegalArgumentException.class, () -> new NetworkShape(8, 16, 30, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> new NetworkShape(8, 16, 32, 3, 1));
        assertThrows(IllegalArgumentException.class, () -> NetworkShape.paperSearch().isReduction(8));
    }

    private static void assertCells(List<Row> expected, NetworkLayout layout) {
        assertEquals(expected.size(), layout.cells().size());
        for (Row row : expected) {
            CellShape cell = layout.cell(row.index());
            Row actual = new Row(cell.index(), cell.isReduction(), cell.previousWasReduction(), cell.prevPrevChannels(),
                    cell.prevChannels(), cell.channels(), cell.inputSize(), cell.outputSize());
            assertEquals(row, actual, "cell " + row.index());
            assertEquals(4 * row.c(), cell.outputChannels());
        }
    }
}
