package org.snas4j.application.port.in.predict;

import java.util.List;
import java.util.Optional;

/**
 * A model's verdicts on a set of images, with the model's class names.
 *
 * @param classNames the name of every class the model predicts, by index
 * @param items      one verdict per image, in order
 */
public record Predictions(List<String> classNames, List<Prediction> items) {

    public Predictions {
        classNames = List.copyOf(classNames);
        items = List.copyOf(items);
    }

    /** The confusion matrix of the images with a known class; empty when none has one. */
    public Optional<ConfusionMatrix> confusion() {
        ConfusionMatrix matrix = new ConfusionMatrix(classNames);
        items.forEach(p -> p.label().ifPresent(label -> matrix.add(label, p.predicted())));
        return matrix.total() == 0 ? Optional.empty() : Optional.of(matrix);
    }
}
