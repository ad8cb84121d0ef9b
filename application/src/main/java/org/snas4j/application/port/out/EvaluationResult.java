package org.snas4j.application.port.out;

/** Summed loss and correct counts over evaluated examples; combine batches with {@link #plus}. */
public record EvaluationResult(double lossSum, long correct, long correctTop5, long count) {

    public static final EvaluationResult EMPTY = new EvaluationResult(0, 0, 0, 0);

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
