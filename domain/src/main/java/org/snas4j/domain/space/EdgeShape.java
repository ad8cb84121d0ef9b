package org.snas4j.domain.space;

/**
 * What a mixed edge sees: its channel count (in = out), its stride, and the spatial size of the
 * feature map entering and leaving it. Costs of operations are functions of this shape only.
 */
public record EdgeShape(int channels, int stride, int inputSize, int outputSize) {

    public EdgeShape {
        if (channels <= 0) {
            throw new IllegalArgumentException("channels must be positive, got " + channels);
        }
        if (stride != 1 && stride != 2) {
            throw new IllegalArgumentException("stride must be 1 or 2, got " + stride);
        }
        if (inputSize <= 0 || outputSize <= 0) {
            throw new IllegalArgumentException("spatial sizes must be positive, got " + inputSize + " -> " + outputSize);
        }
        if (outputSize * stride != inputSize) {
            throw new IllegalArgumentException("output size " + outputSize + " * stride " + stride + " != input size " + inputSize);
        }
    }

    /** An edge whose output spatial size is {@code outputSize}; input size follows from the stride. */
    public static EdgeShape ofOutput(int channels, int stride, int outputSize) {
        return new EdgeShape(channels, stride, outputSize * stride, outputSize);
    }

    public boolean isReducing() {
        return stride == 2;
    }
}
