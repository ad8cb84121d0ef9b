package org.snas4j.domain.space;

import java.util.Locale;
import java.util.Map;
import org.snas4j.domain.EnumIds;

/**
 * Which of the DARTS/SNAS evaluation networks stacks the cells: they differ in the stem, where the
 * first cell reads from, the auxiliary head and the input they are built for.
 */
public enum NetworkKind {
    /**
     * {@code NetworkCIFAR}: one stem, Conv3x3 (input channels -> 3C, stride 1) + BN; both inputs of
     * the first cell are the stem's output; auxiliary head with 5x5/3 average pooling.
     */
    CIFAR,
    /**
     * {@code NetworkImageNet} (the "mobile" setting): stem0 = Conv3x3/2 (-> C/2), BN, ReLU,
     * Conv3x3/2 (-> C), BN; stem1 = ReLU, Conv3x3/2 (C -> C), BN. The first cell reads stem0
     * (through FactorizedReduce, as after a reduction) and stem1, so the cells start at 1/8 of the
     * input size (28x28 for 224x224); auxiliary head with 5x5/2 average pooling.
     */
    IMAGENET;

    /** How many times the stems halve the input before the first cell (1 = no halving). */
    public int stemDownsampling() {
        return this == IMAGENET ? 8 : 1;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the unknown id and the valid ones */
    public static NetworkKind fromId(String id) {
        return EnumIds.fromId(NetworkKind.class, id, NetworkKind::id, Map.of("mobile", IMAGENET), "network");
    }
}
