package org.snas4j.application.port.in.study;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A finished study: what was done with each run, every retrained cell, and the comparison.
 *
 * @param directory the study directory
 * @param items     every run of the study in order, with what this invocation did with it
 * @param cells     every retrained cell: searched, then random, then published
 */
public record StudyResult(Path directory, List<StudyItem> items, List<StudyCell> cells) {

    public StudyResult {
        Objects.requireNonNull(directory, "directory");
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        cells = List.copyOf(Objects.requireNonNull(cells, "cells"));
    }

    /** The statistics of {@code group} (n = 0 and NaN figures when it has no cells). */
    public GroupStatistics statistics(StudyGroup group) {
        return GroupStatistics.of(group, accuracies(group));
    }

    /** The statistics of every group that has cells, in the order searched, random, published. */
    public List<GroupStatistics> statistics() {
        return Arrays.stream(StudyGroup.values()).map(this::statistics).filter(s -> s.cells() > 0).toList();
    }

    /** How many items this invocation treated with {@code action}. */
    public long count(StudyAction action) {
        return items.stream().filter(item -> item.action() == action).count();
    }

    /**
     * (mean of the searched cells - mean of the random cells) / standard deviation of the random
     * cells: how unusual the searched cells would be as random draws. Empty without searched cells,
     * with fewer than 2 random cells, or when the random cells all scored the same.
     */
    public OptionalDouble searchedVersusRandom() {
        GroupStatistics searched = statistics(StudyGroup.SEARCHED);
        GroupStatistics random = statistics(StudyGroup.RANDOM);
        if (searched.cells() == 0 || random.cells() < 2 || !(random.standardDeviation() > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((searched.mean() - random.mean()) / random.standardDeviation());
    }

    /**
     * How the searched cells rank among the random ones (the Mann-Whitney test); empty without
     * searched or random cells.
     */
    public Optional<RankComparison> ranks() {
        List<Double> searched = accuracies(StudyGroup.SEARCHED);
        List<Double> random = accuracies(StudyGroup.RANDOM);
        return searched.isEmpty() || random.isEmpty() ? Optional.empty() : Optional.of(RankComparison.of(searched, random));
    }

    /** One line answering the study's question: the comparison of means, then the ranks. */
    public String verdict() {
        return ranks().map(ranks -> meansVerdict() + " " + ranksSentence(ranks)).orElseGet(this::meansVerdict);
    }

    private List<Double> accuracies(StudyGroup group) {
        return cells.stream().filter(c -> c.group() == group).map(StudyCell::testTop1).toList();
    }

    private static String ranksSentence(RankComparison ranks) {
        List<String> beaten = ranks.beaten().stream().map(StudyResult::count).toList();
        String each = beaten.size() == 1 ? beaten.get(0)
                : String.join(", ", beaten.subList(0, beaten.size() - 1)) + " and " + beaten.get(beaten.size() - 1);
        return String.format(Locale.ROOT, "Ranks: the searched cell%s beat%s %s of the %d random cells (U = %s of %d; one-sided "
                        + "Mann-Whitney p = %.3f that chance ranks them this high).",
                beaten.size() == 1 ? "" : "s", beaten.size() == 1 ? "s" : "", each, ranks.random(), count(ranks.u()), ranks.maximumU(),
                ranks.pValue());
    }

    /** A count that may hold a tie's half: 7 or 7.5. */
    private static String count(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private String meansVerdict() {
        GroupStatistics searched = statistics(StudyGroup.SEARCHED);
        GroupStatistics random = statistics(StudyGroup.RANDOM);
        OptionalDouble score = searchedVersusRandom();
        if (score.isEmpty()) {
            String why = searched.cells() == 0 ? "the study has no searched cells"
                    : random.cells() < 2 ? "it needs at least 2 random cells for a standard deviation"
                    : "the random cells all reached the same accuracy";
            return "Verdict: none (" + why + ").";
        }
        double z = score.getAsDouble();
        String meaning = z >= 1 ? "the searched cells beat random ones by at least one standard deviation"
                : z <= -1 ? "the searched cells are worse than random ones by at least one standard deviation"
                : "less than one standard deviation apart, so the ranks that follow say more";
        return String.format(Locale.ROOT, "Verdict: searched mean %.2f%% - random mean %.2f%% = %+.2f points = %+.2f random standard "
                        + "deviations (random sd %.2f points, n=%d; searched n=%d): %s.",
                100 * searched.mean(), 100 * random.mean(), 100 * (searched.mean() - random.mean()), z,
                100 * random.standardDeviation(), random.cells(), searched.cells(), meaning);
    }
}
