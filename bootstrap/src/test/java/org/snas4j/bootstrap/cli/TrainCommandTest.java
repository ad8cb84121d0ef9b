package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.retrain.RandomTransforms;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.domain.space.NetworkKind;

/** What {@code train}'s flags make of a retraining configuration: the network's recipe unless a flag departs from it. */
class TrainCommandTest {

    @Test
    void theImageNetNetworkTrainsWithItsRecipe() {
        RetrainConfiguration configuration = configurationOf("--genotype", "snas-mild", "--network", "imagenet");

        assertEquals(NetworkKind.IMAGENET, configuration.network());
        assertEquals(RetrainConfiguration.IMAGENET_LABEL_SMOOTHING, configuration.labelSmoothing());
        assertEquals(RetrainConfiguration.IMAGENET_WEIGHT_DECAY, configuration.weightDecay());
    }

    @Test
    void flagsDepartFromTheRecipe() {
        RetrainConfiguration configuration = configurationOf("--genotype", "snas-mild", "--network", "imagenet",
                "--label-smoothing", "0", "--weight-decay", "1e-4");

        assertEquals(0, configuration.labelSmoothing());
        assertEquals(1e-4, configuration.weightDecay());
    }

    @Test
    void theDefaultNetworkIsTheCifarOneWithItsRecipe() {
        RetrainConfiguration configuration = configurationOf("--genotype", "snas-mild");

        assertEquals(NetworkKind.CIFAR, configuration.network());
        assertEquals(0, configuration.labelSmoothing());
        assertEquals(RetrainConfiguration.CIFAR_WEIGHT_DECAY, configuration.weightDecay());
    }

    @Test
    void augmentNamesTheRandomTransformsAndDefaultsToTheDatasetsOwn() {
        assertEquals(RandomTransforms.AUTO, configurationOf("--genotype", "snas-mild").randomTransforms());
        assertEquals(RandomTransforms.CROP_FLIP, configurationOf("--genotype", "snas-mild", "--augment", "crop-flip").randomTransforms());
        assertEquals(RandomTransforms.NONE, configurationOf("--genotype", "snas-mild", "--augment", "NONE").randomTransforms());
    }

    @Test
    void anUnknownAugmentIsRefusedNamingTheFlagAndTheChoices() {
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> configurationOf("--genotype", "snas-mild", "--augment", "rotate"));
        assertTrue(refused.getMessage().contains("--augment"), refused.getMessage());
        assertTrue(refused.getMessage().contains("crop-flip"), refused.getMessage());
    }

    private static RetrainConfiguration configurationOf(String... args) {
        return ((TrainCommand) CommandLineRunner.parsed("train", args)).configuration();
    }
}
