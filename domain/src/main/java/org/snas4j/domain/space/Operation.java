package org.snas4j.domain.space;

import java.util.Arrays;
import java.util.List;

/**
 * The eight candidate operations of the DARTS/SNAS search space, in the order SNAS indexes them.
 * The ordinal of each constant is its column in every [edge x op] architecture matrix.
 */
public enum Operation {
    NONE("none", 0, 1),
    MAX_POOL_3X3("max_pool_3x3", 3, 1),
    AVG_POOL_3X3("avg_pool_3x3", 3, 1),
    SKIP_CONNECT("skip_connect", 0, 1),
    SEP_CONV_3X3("sep_conv_3x3", 3, 1),
    SEP_CONV_5X5("sep_conv_5x5", 5, 1),
    DIL_CONV_3X3("dil_conv_3x3", 3, 2),
    DIL_CONV_5X5("dil_conv_5x5", 5, 2);

    /** Number of candidate operations per edge. */
    public static final int COUNT = values().length;

    private static final List<Operation> ALL = List.of(values());

    private final String id;
    private final int kernelSize;
    private final int dilation;

    Operation(String id, int kernelSize, int dilation) {
        this.id = id;
        this.kernelSize = kernelSize;
        this.dilation = dilation;
    }

    /** The name used by the SNAS and DARTS code and in every file snas4j writes, e.g. {@code sep_conv_3x3}. */
    public String id() {
        return id;
    }

    /** Spatial kernel size; 0 for operations without a kernel (none, skip). */
    public int kernelSize() {
        return kernelSize;
    }

    /** Dilation rate of the depthwise kernel (2 for dil_conv, 1 otherwise). */
    public int dilation() {
        return dilation;
    }

    /** True for operations that own no trainable weights (none, pools, identity skip). */
    public boolean isParameterFree() {
        return this == NONE || this == MAX_POOL_3X3 || this == AVG_POOL_3X3 || this == SKIP_CONNECT;
    }

    public boolean isPool() {
        return this == MAX_POOL_3X3 || this == AVG_POOL_3X3;
    }

    public boolean isSeparableConv() {
        return this == SEP_CONV_3X3 || this == SEP_CONV_5X5;
    }

    public boolean isDilatedConv() {
        return this == DIL_CONV_3X3 || this == DIL_CONV_5X5;
    }

    /** All operations in SNAS order. */
    public static List<Operation> all() {
        return ALL;
    }

    /**
     * Looks an operation up by its id.
     *
     * @throws IllegalArgumentException naming the unknown id and the valid ones
     */
    public static Operation fromId(String id) {
        for (Operation op : ALL) {
            if (op.id.equals(id)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown operation '" + id + "' (expected one of "
                + Arrays.stream(values()).map(Operation::id).toList() + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
