package org.snas4j.application.port.in.study;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.snas4j.domain.genotype.Genotype;

/**
 * One retrained cell of a study, retrained once per retraining seed.
 *
 * @param name           e.g. {@code searched-seed-1}, {@code random-2}, {@code snas-mild}
 * @param runDirectories its retraining runs, one per retraining seed, in seed order
 * @param testTop1BySeed test-set top-1 accuracy after each retraining, in the same order
 * @param parameters     trainable parameters of the retrained network (without an auxiliary head)
 * @param cellFlops      multiply-adds of the network's cells for one image, by the SNAS cost model
 *                       (stem, preprocessing and classifier excluded: they do not depend on the cell)
 * @param trainSeconds   the retrainings' epochs, summed (the same whether or not they were interrupted)
 * @param searchSeconds  for a searched cell its search's epochs, summed; empty for the others
 */
public record StudyCell(StudyGroup group, String name, List<Path> runDirectories, Genotype genotype, List<Double> testTop1BySeed,
                        long parameters, double cellFlops, double trainSeconds, OptionalDouble searchSeconds) {

    public StudyCell {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(name, "name");
        runDirectories = List.copyOf(Objects.requireNonNull(runDirectories, "runDirectories"));
        Objects.requireNonNull(genotype, "genotype");
        testTop1BySeed = List.copyOf(Objects.requireNonNull(testTop1BySeed, "testTop1BySeed"));
        Objects.requireNonNull(searchSeconds, "searchSeconds");
        if (testTop1BySeed.isEmpty() || testTop1BySeed.size() != runDirectories.size()) {
            throw new IllegalArgumentException("a cell needs one accuracy per retraining run, got " + testTop1BySeed.size() + " for "
                    + runDirectories.size() + " runs");
        }
    }

    /** A cell retrained once. */
    public StudyCell(StudyGroup group, String name, Path runDirectory, Genotype genotype, double testTop1, long parameters, double cellFlops,
                     double trainSeconds, OptionalDouble searchSeconds) {
        this(group, name, List.of(runDirectory), genotype, List.of(testTop1), parameters, cellFlops, trainSeconds, searchSeconds);
    }

    /** The mean test top-1 over its retrainings: what the study compares. */
    public double testTop1() {
        return testTop1BySeed.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** The run of its first retraining seed. */
    public Path runDirectory() {
        return runDirectories.get(0);
    }
}
