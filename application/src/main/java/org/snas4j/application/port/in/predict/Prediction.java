package org.snas4j.application.port.in.predict;

import java.util.OptionalInt;

/**
 * The model's verdict on one image.
 *
 * @param index       position of the image in its file
 * @param predicted   the most probable class
 * @param probability its probability
 * @param label       the file's label for the image, when the format carries one
 */
public record Prediction(int index, int predicted, double probability, OptionalInt label) {
}
