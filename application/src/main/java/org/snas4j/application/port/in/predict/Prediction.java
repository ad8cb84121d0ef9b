package org.snas4j.application.port.in.predict;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The model's verdict on one image.
 *
 * @param index       position of the image in its file or folder listing
 * @param image       the image's name: its position in a file, its path relative to a folder
 * @param predicted   the most probable class
 * @param probability its probability
 * @param label       the image's known class, when its file (CIFAR-10) or folder carries one
 */
public record Prediction(int index, String image, int predicted, double probability, OptionalInt label) {

    public Prediction {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(label, "label");
    }
}
