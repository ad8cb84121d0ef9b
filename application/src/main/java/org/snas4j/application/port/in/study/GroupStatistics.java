package org.snas4j.application.port.in.study;

import java.util.List;
import java.util.Objects;

/**
 * The test accuracy of one group of a study's cells.
 *
 * @param cells             how many (n)
 * @param mean              mean test top-1
 * @param standardDeviation sample standard deviation (n - 1 in the denominator); NaN below 2 cells
 */
public record GroupStatistics(StudyGroup group, int cells, double mean, double standardDeviation) {

    public GroupStatistics {
        Objects.requireNonNull(group, "group");
    }

    static GroupStatistics of(StudyGroup group, List<Double> accuracies) {
        int n = accuracies.size();
        double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double squares = accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
        return new GroupStatistics(group, n, mean, n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1)));
    }
}
