package org.snas4j.adapter.tensorflow.ops;

import java.util.Objects;
import org.snas4j.domain.space.EdgeShape;
import org.snas4j.domain.space.Operation;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The eight candidate operations of an edge, as the SNAS code builds them ({@code OPS} in
 * {@code operations.py}).
 *
 * @param affine             BN with scale and offset (retraining) or without (search)
 * @param batchNormAfterPool BN after max and average pooling, as the SNAS code does (DARTS' retraining
 *                           network has plain pools)
 */
public record CandidateOps(boolean affine, boolean batchNormAfterPool) {

    /** The supernet's convention: BN without affine parameters, BN after every pool. */
    public static CandidateOps search() {
        return new CandidateOps(false, true);
    }

    /**
     * Builds {@code op} on input {@code x} of an edge of shape {@code edge}; its variables live under
     * {@code scope} (typically one child scope per op, named by {@link Operation#id()}). Ops starting
     * with a ReLU use {@code x}'s shared one.
     */
    public Operand<TFloat32> build(NetworkScope scope, Operation op, FeatureMap x, EdgeShape edge) {
        return build(scope, op, x, edge, null);
    }

    /**
     * {@code op}'s output weighted by Z[op]: {@code scalar} is the weight, {@code perChannel} the same
     * weight repeated over the edge's channels. An op that ends in a BN without affine parameters takes
     * {@code perChannel} as that BN's scale (no multiply of its own, and no kept output for its
     * gradient); any other op's output is multiplied by {@code scalar}. {@code none} is the caller's to
     * leave out.
     */
    public Operand<TFloat32> buildWeighted(NetworkScope scope, Operation op, FeatureMap x, EdgeShape edge, Operand<TFloat32> scalar,
                                           Operand<TFloat32> perChannel) {
        if (op == Operation.NONE) {
            throw new IllegalArgumentException("none has no output to weight");
        }
        return endsInScalableBatchNorm(op, edge.stride()) ? build(scope, op, x, edge, perChannel)
                : scope.tf().math.mul(scalar, build(scope, op, x, edge, null));
    }

    /** True when {@code op}'s last layer is a BN without affine parameters, whose scale can carry a weight. */
    private boolean endsInScalableBatchNorm(Operation op, int stride) {
        return !affine && (op.isSeparableConv() || op.isDilatedConv() || (op.isPool() && batchNormAfterPool)
                || (op == Operation.SKIP_CONNECT && stride != 1));
    }

    /** {@code op}, its last BN scaled by {@code outputScale} (null: not; only for ops that end in a non-affine BN). */
    private Operand<TFloat32> build(NetworkScope scope, Operation op, FeatureMap x, EdgeShape edge, Operand<TFloat32> outputScale) {
        Objects.requireNonNull(op, "op");
        int channels = edge.channels();
        int stride = edge.stride();
        int padding = op.dilation() * (op.kernelSize() - 1) / 2;
        return switch (op) {
            case NONE -> Layers.zeros(scope, x.value(), stride);
            case MAX_POOL_3X3 -> afterPool(scope, x.parameterFree(scope, value -> Layers.maxPool3x3(scope, value, stride)), channels, outputScale);
            case AVG_POOL_3X3 -> afterPool(scope, x.parameterFree(scope, value -> Layers.avgPool3x3(scope, value, stride)), channels, outputScale);
            case SKIP_CONNECT -> stride == 1 ? x.value() : Blocks.factorizedReduce(scope, x, channels, channels, affine, outputScale);
            case SEP_CONV_3X3, SEP_CONV_5X5 ->
                    Blocks.sepConv(scope, x, channels, channels, op.kernelSize(), stride, padding, affine, outputScale);
            case DIL_CONV_3X3, DIL_CONV_5X5 ->
                    Blocks.dilConv(scope, x, channels, channels, op.kernelSize(), stride, padding, op.dilation(), affine, outputScale);
        };
    }

    private Operand<TFloat32> afterPool(NetworkScope scope, Operand<TFloat32> pooled, int channels, Operand<TFloat32> outputScale) {
        return batchNormAfterPool ? Layers.batchNorm(scope, "bn", pooled, channels, affine, outputScale) : pooled;
    }
}
