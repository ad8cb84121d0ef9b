package org.snas4j.application.port.in.predict;

import java.util.List;

/** Counts of (true class, predicted class) pairs, with the accuracy and per-class recall they give. */
public final class ConfusionMatrix {

    private final List<String> classNames;
    private final long[][] counts;
    private long total;

    public ConfusionMatrix(List<String> classNames) {
        this.classNames = List.copyOf(classNames);
        this.counts = new long[classNames.size()][classNames.size()];
    }

    public void add(int label, int predicted) {
        counts[label][predicted]++;
        total++;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Images of class {@code label} predicted as {@code predicted}. */
    public long count(int label, int predicted) {
        return counts[label][predicted];
    }

    public long total() {
        return total;
    }

    public long correct() {
        long correct = 0;
        for (int c = 0; c < counts.length; c++) {
            correct += counts[c][c];
        }
        return correct;
    }

    /** Share of the images predicted as their class; NaN without images. */
    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct() / total;
    }

    /** Images of class {@code label}. */
    public long support(int label) {
        long support = 0;
        for (long count : counts[label]) {
            support += count;
        }
        return support;
    }

    /** Share of class {@code label}'s images predicted as it; NaN when it has none. */
    public double recall(int label) {
        long support = support(label);
        return support == 0 ? Double.NaN : (double) counts[label][label] / support;
    }
}
