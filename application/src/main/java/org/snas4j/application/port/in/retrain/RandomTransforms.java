package org.snas4j.application.port.in.retrain;

import java.util.Locale;
import java.util.Map;
import org.snas4j.domain.EnumIds;

/**
 * Which random transforms a retraining run gives its training images before normalisation (Cutout
 * is its own setting). DARTS and SNAS crop and flip every CIFAR-10 image; the right choice for a
 * grey dataset depends on it: a flipped shoe is still a shoe, a flipped 2 is no digit.
 */
public enum RandomTransforms {
    /** Crop and flip for colour images, nothing for grey ones (digits must not be flipped). */
    AUTO,
    /** The images as they are. */
    NONE,
    /** A random crop of the image zero-padded by 4 pixels (DARTS' padding). */
    CROP,
    /** A left-right flip with probability 1/2. */
    FLIP,
    /** Both, as DARTS trains on CIFAR-10; also right for Fashion-MNIST. */
    CROP_FLIP;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** @throws IllegalArgumentException naming the unknown id and the valid ones */
    public static RandomTransforms fromId(String id) {
        return EnumIds.fromId(RandomTransforms.class, id, RandomTransforms::id, Map.of(), "random transforms");
    }
}
