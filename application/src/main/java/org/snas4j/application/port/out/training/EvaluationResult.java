package org.snas4j.application.port.out.training;

import java.util.function.Function;

/** Summed loss and correct counts over evaluated examples; combine batches with {@link #plus}. */
public record EvaluationResult(double lossSum, long correct, long correctTop5, long count) {

    public static final EvaluationResult EMPTY = new EvaluationResult(0, 0, 0, 0);

    /** The sum of {@code evaluation} over {@code batches}, e.g. {@code total(batches, trainer::evaluate)}. */
    public static <B> EvaluationResult total(Iterable<B> batches, Function<? super B, EvaluationResult> evaluation) {
        EvaluationResult total = EMPTY;
        for (B batch : batches) {
            total = total.plus(evaluation.apply(batch));
        }
        return total;
    }

    public EvaluationResult plus(EvaluationResult other) {
        return new EvaluationResult(lossSum + other.lossSum, correct + other.correct, correctTop5 + other.correctTop5, count + other.count);
    }

    public double meanLoss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    public double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }

    public double top5Accuracy() {
        return count == 0 ? Double.NaN : (double) correctTop5 / count;
    }
}
