package org.snas4j.domain.space;

/**
 * The shape of one cell in a network: its kind, the channels of its two inputs and of its edges,
 * and the spatial sizes around it.
 *
 * @param index                 position of the cell in the network (0-based)
 * @param kind                  normal or reduction
 * @param previousWasReduction  true when cell index-1 reduced, so input 0 (from cell index-2) is twice
 *                              the size of input 1 and is preprocessed by FactorizedReduce
 * @param prevPrevChannels      channels of input 0 (c_{k-2})
 * @param prevChannels          channels of input 1 (c_{k-1})
 * @param channels              C of this cell: channels of every edge and intermediate node
 * @param inputSize             spatial size of input 1 (and of input 0 after preprocessing)
 * @param outputSize            spatial size of the intermediate nodes and the cell output
 */
public record CellShape(int index, CellKind kind, boolean previousWasReduction, int prevPrevChannels,
                        int prevChannels, int channels, int inputSize, int outputSize) {

    /** Channels of the cell output: the concatenation of the intermediate nodes. */
    public int outputChannels() {
        return NetworkShape.CELL_MULTIPLIER * channels;
    }

    /** Spatial size of input 0 before preprocessing. */
    public int prevPrevSize() {
        return previousWasReduction ? inputSize * 2 : inputSize;
    }

    public boolean isReduction() {
        return kind == CellKind.REDUCTION;
    }

    /** The shape of edge {@code edge} (0..13) of this cell. */
    public EdgeShape edge(int edge) {
        boolean reducing = isReduction() && CellTopology.leavesInput(edge);
        if (reducing) {
            return new EdgeShape(channels, 2, inputSize, outputSize);
        }
        return new EdgeShape(channels, 1, outputSize, outputSize);
    }
}
