package org.snas4j.application.port.in.retrain;

import java.util.OptionalDouble;
import org.snas4j.application.port.out.training.EvaluationResult;

/**
 * A network's accuracy on a labelled set.
 *
 * @param examples images evaluated
 * @param loss     mean cross-entropy
 * @param top1     top-1 accuracy
 * @param top5     top-5 accuracy; empty with 5 classes or fewer, where it would always be 1
 */
public record ChildEvaluation(long examples, double loss, double top1, OptionalDouble top5) {

    public static ChildEvaluation of(EvaluationResult result, int classes) {
        return new ChildEvaluation(result.count(), result.meanLoss(), result.accuracy(),
                classes > 5 ? OptionalDouble.of(result.top5Accuracy()) : OptionalDouble.empty());
    }

    /** Top-5 accuracy or NaN: for tables and metrics files. */
    public double top5OrNaN() {
        return top5.orElse(Double.NaN);
    }
}
