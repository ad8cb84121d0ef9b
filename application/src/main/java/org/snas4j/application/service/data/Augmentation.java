package org.snas4j.application.service.data;

import org.snas4j.application.port.in.retrain.RandomTransforms;
import org.snas4j.application.port.out.data.ImageDataset;

/**
 * Which random transforms training batches get, in the order DARTS and SNAS apply them: random crop
 * of the image zero-padded by {@code cropPadding} pixels, random horizontal flip (both on the raw
 * pixels, so padding is black), normalisation, then Cutout of a {@code cutoutLength} square (zero
 * in normalised space, that is set to the channel mean).
 *
 * @param cropPadding    pixels of zero padding for the random crop; 0 = no crop
 * @param horizontalFlip flip each image left-right with probability 1/2
 * @param cutoutLength   side of the Cutout square; 0 = no Cutout
 */
public record Augmentation(int cropPadding, boolean horizontalFlip, int cutoutLength) {

    /** The CIFAR-10 standard: 4-pixel padded crop and horizontal flip. */
    public static final int STANDARD_CROP_PADDING = 4;

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0, got " + cropPadding);
        }
        if (cutoutLength < 0) {
            throw new IllegalArgumentException("cutout length must be >= 0, got " + cutoutLength);
        }
    }

    public static Augmentation none() {
        return new Augmentation(0, false, 0);
    }

    /** Padded crop and flip, no Cutout. */
    public static Augmentation cropAndFlip() {
        return new Augmentation(STANDARD_CROP_PADDING, true, 0);
    }

    /**
     * The default for a dataset: crop and flip for colour images (CIFAR-like), nothing for grayscale
     * ones (a flipped digit is not the same digit; Fashion-MNIST is centred and small).
     */
    public static Augmentation defaultFor(ImageDataset dataset) {
        return dataset.channels() >= 3 ? cropAndFlip() : none();
    }

    /** The transforms {@code choice} names for {@code dataset}: {@link RandomTransforms#AUTO} is {@link #defaultFor}. */
    public static Augmentation of(RandomTransforms choice, ImageDataset dataset) {
        return switch (choice) {
            case AUTO -> defaultFor(dataset);
            case NONE -> none();
            case CROP -> new Augmentation(STANDARD_CROP_PADDING, false, 0);
            case FLIP -> new Augmentation(0, true, 0);
            case CROP_FLIP -> cropAndFlip();
        };
    }

    public Augmentation withCutout(int length) {
        return new Augmentation(cropPadding, horizontalFlip, length);
    }

    public boolean isIdentity() {
        return cropPadding == 0 && !horizontalFlip && cutoutLength == 0;
    }
}
