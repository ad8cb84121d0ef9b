package org.snas4j.domain.space;

import java.util.ArrayList;
import java.util.List;

/**
 * Every cell's shape in a network of a given {@link NetworkShape}, computed exactly as the DARTS/SNAS
 * model constructors do: the CIFAR stem emits 3C channels at the input size, the ImageNet stems C
 * channels at 1/4 (stem0, read by the first cell as if a reduction preceded it) and 1/8 (stem1) of
 * it; at each reduction cell C doubles and the spatial size halves; each cell emits 4C channels.
 */
public final class NetworkLayout {

    private final NetworkShape shape;
    private final List<CellShape> cells;

    private NetworkLayout(NetworkShape shape, List<CellShape> cells) {
        this.shape = shape;
        this.cells = List.copyOf(cells);
    }

    public static NetworkLayout of(NetworkShape shape) {
        List<CellShape> cells = new ArrayList<>(shape.layers());
        int prevPrevChannels = shape.stemChannels();
        int prevChannels = shape.stemChannels();
        int channels = shape.initialChannels();
        int size = shape.inputSize() / shape.kind().stemDownsampling();
        boolean previousWasReduction = shape.kind() == NetworkKind.IMAGENET;
        for (int i = 0; i < shape.layers(); i++) {
            boolean reduction = shape.isReduction(i);
            int outputSize = size;
            if (reduction) {
                channels *= 2;
                outputSize = size / 2;
            }
            CellShape cell = new CellShape(i, reduction ? CellKind.REDUCTION : CellKind.NORMAL, previousWasReduction,
                    prevPrevChannels, prevChannels, channels, size, outputSize);
            cells.add(cell);
            prevPrevChannels = prevChannels;
            prevChannels = cell.outputChannels();
            size = outputSize;
            previousWasReduction = reduction;
        }
        return new NetworkLayout(shape, cells);
    }

    public NetworkShape shape() {
        return shape;
    }

    public List<CellShape> cells() {
        return cells;
    }

    public CellShape cell(int index) {
        return cells.get(index);
    }

    /** Channels entering the classifier after global average pooling. */
    public int classifierInputs() {
        return cells.get(cells.size() - 1).outputChannels();
    }

    /** Spatial size of the last cell's output. */
    public int finalSize() {
        return cells.get(cells.size() - 1).outputSize();
    }

    public long count(CellKind kind) {
        return cells.stream().filter(c -> c.kind() == kind).count();
    }
}
