package org.snas4j.domain.genotype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snas4j.domain.space.NetworkKind;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;

/**
 * Parameters and multiply-adds of the ImageNet (mobile) network. The 224x224, 14-cell, C = 48,
 * 1,000-class figures were read off the authors' PyTorch {@code NetworkImageNet}, instantiated on
 * 2026-11-29 with Debian's python3-torch 1.13: parameters as their {@code count_parameters_in_MB}
 * counts them (auxiliary head excluded), SNAS's {@code operations.py} (affine BN after pools) and
 * DARTS' (plain pools); multiply-adds summed by forward hooks over every Conv2d (output elements x
 * kernel area x input channels per group) and Linear (inputs x outputs) of one 224x224 image.
 */
class ImageNetNetworkCountTest {

    private static final ChildOptions PLAIN = new ChildOptions(false, false);
    private static final ChildOptions POOL_BN = new ChildOptions(false, true);

    @Test
    void parametersOfThePublishedCellsMatchTheAuthorsModelInBothPoolConventions() {
        NetworkShape mobile = NetworkShape.paperImageNet();
        assertEquals(4_718_752, NetworkParameterCount.ofChild(PublishedGenotypes.byName("darts-v2"), mobile, PLAIN), "DARTS' 4.7M");
        assertEquals(4_721_632, NetworkParameterCount.ofChild(PublishedGenotypes.byName("darts-v2"), mobile, POOL_BN));
        assertEquals(3_939_328, NetworkParameterCount.ofChild(PublishedGenotypes.byName("snas-mild"), mobile, PLAIN));
        assertEquals(3_942_208, NetworkParameterCount.ofChild(PublishedGenotypes.byName("snas-mild"), mobile, POOL_BN));
        assertEquals(4_312_576, NetworkParameterCount.ofChild(PublishedGenotypes.byName("snas-moderate"), mobile, PLAIN));
        assertEquals(4_313_728, NetworkParameterCount.ofChild(PublishedGenotypes.byName("snas-moderate"), mobile, POOL_BN),
                "SNAS' 4.3M");
        assertEquals(3_561_952, NetworkParameterCount.ofChild(PublishedGenotypes.byName("snas-aggressive"), mobile, POOL_BN));
    }

    @Test
    void theSnasImageNetScriptsDefaultNetworkModerateAtFiftyChannelsToo() {
        // train_imagenet.py of the SNAS code: --arch SNAS_moderate --init_channels 50.
        NetworkShape fifty = new NetworkShape(14, 50, 224, 3, 1000, NetworkKind.IMAGENET);
        assertEquals(4_637_475, NetworkParameterCount.ofChild(PublishedGenotypes.byName("snas-moderate"), fifty, POOL_BN));
        assertEquals(503_510_600, NetworkMultiplyAdds.ofChild(PublishedGenotypes.byName("snas-moderate"), fifty));
    }

    @Test
    void theAuxiliaryHeadAddsWhatTheSnasCodesHeadHolds() {
        // SNAS' AuxiliaryHeadImageNet keeps the BN(768) that DARTS' copy comments out (1,536 parameters fewer there).
        NetworkShape mobile = NetworkShape.paperImageNet();
        assertEquals(5_983_944, NetworkParameterCount.ofChild(PublishedGenotypes.byName("darts-v2"), mobile, new ChildOptions(true, true)));
        assertEquals(5_576_040, NetworkParameterCount.ofChild(PublishedGenotypes.byName("snas-moderate"), mobile,
                new ChildOptions(true, true)));
    }

    @Test
    void multiplyAddsMatchTheAuthorsModelAndDoNotDependOnThePoolConvention() {
        NetworkShape mobile = NetworkShape.paperImageNet();
        assertEquals(529_911_552, NetworkMultiplyAdds.ofChild(PublishedGenotypes.byName("darts-v2"), mobile));
        assertEquals(438_042_432, NetworkMultiplyAdds.ofChild(PublishedGenotypes.byName("snas-mild"), mobile));
        assertEquals(465_607_872, NetworkMultiplyAdds.ofChild(PublishedGenotypes.byName("snas-moderate"), mobile));
        assertEquals(395_715_840, NetworkMultiplyAdds.ofChild(PublishedGenotypes.byName("snas-aggressive"), mobile));
    }

    @Test
    void stemsByHand() {
        // C = 4, 16x16x3 input, 1 cell (a reduction: 1/3 = 2/3 = 0), 2 classes, every edge none.
        // Parameters: stems 3*2*9 + 4 + 2*4*9 + 8 + 4*4*9 + 8 = 54 + 4 + 72 + 8 + 144 + 8 = 290;
        // cell 0 follows the stems as if after a reduction: FactorizedReduce(4 -> 8) 2*4*4 + 16 = 48, ReLUConvBN(4 -> 8) 32 + 16 = 48;
        // classifier 32*2 + 2 = 66.
        // Multiply-adds: stems 54*8*8 + 72*4*4 + 144*2*2 = 3456 + 1152 + 576 = 5184; preprocessing at 2x2:
        // FactorizedReduce 2*4*4*4 = 128, 1x1 conv 4*8*4 = 128; classifier 64.
        Genotype allNone = new Genotype(NetworkParameterCountTest.everyEdgeNone(), NetworkParameterCountTest.everyEdgeNone());
        NetworkShape shape = new NetworkShape(1, 4, 16, 3, 2, NetworkKind.IMAGENET);
        assertEquals(290 + 48 + 48 + 66, NetworkParameterCount.ofChild(allNone, shape, PLAIN));
        assertEquals(5184 + 128 + 128 + 64, NetworkMultiplyAdds.ofChild(allNone, shape));
    }

    @Test
    void multiplyAddsOfTheOpsByHand() {
        // C = 8 at 4x4 output: sep_conv_3x3 2*(72 + 64)*16 = 4352; dil_conv_5x5 (200 + 64)*16 = 4224;
        // skip at stride 2 (FactorizedReduce) 2*8*4*16 = 1024, at stride 1 nothing; pools and none nothing.
        var stride1 = new org.snas4j.domain.space.EdgeShape(8, 1, 4, 4);
        var stride2 = new org.snas4j.domain.space.EdgeShape(8, 2, 8, 4);
        assertEquals(4352, NetworkMultiplyAdds.ofOperation(Operation.SEP_CONV_3X3, stride2));
        assertEquals(4224, NetworkMultiplyAdds.ofOperation(Operation.DIL_CONV_5X5, stride1));
        assertEquals(1024, NetworkMultiplyAdds.ofOperation(Operation.SKIP_CONNECT, stride2));
        assertEquals(0, NetworkMultiplyAdds.ofOperation(Operation.SKIP_CONNECT, stride1));
        assertEquals(0, NetworkMultiplyAdds.ofOperation(Operation.MAX_POOL_3X3, stride2));
    }

    @Test
    void refusesSizesTheStemsAndReductionsCannotHalveAndOddChannels() {
        assertThrows(IllegalArgumentException.class, () -> new NetworkShape(14, 48, 200, 3, 1000, NetworkKind.IMAGENET));
        assertThrows(IllegalArgumentException.class, () -> new NetworkShape(14, 47, 224, 3, 1000, NetworkKind.IMAGENET));
        assertThrows(IllegalArgumentException.class, () -> NetworkParameterCount.ofSupernet(NetworkShape.paperImageNet()));
        assertEquals(NetworkKind.IMAGENET, new NetworkShape(3, 4, 32, 3, 2, NetworkKind.IMAGENET).kind());
    }
}
