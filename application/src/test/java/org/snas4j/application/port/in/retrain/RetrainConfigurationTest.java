package org.snas4j.application.port.in.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.snas4j.domain.space.NetworkKind;

class RetrainConfigurationTest {

    @Test
    void theImageNetNetworkComesWithItsRecipe() {
        RetrainConfiguration imageNet = RetrainConfiguration.builder().networkWithRecipe(NetworkKind.IMAGENET).build();

        assertEquals(NetworkKind.IMAGENET, imageNet.network());
        assertEquals(0.1, imageNet.labelSmoothing());
        assertEquals(3e-5, imageNet.weightDecay());
    }

    @Test
    void theCifarRecipeUndoesTheImageNetOne() {
        RetrainConfiguration cifar = RetrainConfiguration.builder().networkWithRecipe(NetworkKind.IMAGENET)
                .networkWithRecipe(NetworkKind.CIFAR).build();

        assertEquals(NetworkKind.CIFAR, cifar.network());
        assertEquals(0, cifar.labelSmoothing());
        assertEquals(3e-4, cifar.weightDecay());
        assertEquals(RetrainConfiguration.DEFAULTS, cifar, "the defaults are the CIFAR network's recipe");
    }

    @Test
    void settingsAfterTheRecipeDepartFromIt() {
        RetrainConfiguration tuned = RetrainConfiguration.builder().networkWithRecipe(NetworkKind.IMAGENET).labelSmoothing(0)
                .weightDecay(1e-4).build();

        assertEquals(NetworkKind.IMAGENET, tuned.network());
        assertEquals(0, tuned.labelSmoothing());
        assertEquals(1e-4, tuned.weightDecay());
    }
}
