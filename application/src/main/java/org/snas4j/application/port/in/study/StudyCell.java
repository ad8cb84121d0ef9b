package org.snas4j.application.port.in.study;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalDouble;
import org.snas4j.domain.genotype.Genotype;

/**
 * One retrained cell of a study.
 *
 * @param name          e.g. {@code searched-seed-1}, {@code random-2}, {@code snas-mild}
 * @param runDirectory  its retraining run
 * @param testTop1      test-set top-1 accuracy after retraining
 * @param parameters    trainable parameters of the retrained network (without an auxiliary head)
 * @param cellFlops     multiply-adds of the network's cells for one image, by the SNAS cost model
 *                      (stem, preprocessing and classifier excluded: they do not depend on the cell)
 * @param trainSeconds  the retraining's epochs, summed (the same whether or not it was interrupted)
 * @param searchSeconds for a searched cell its search's epochs, summed; empty for the others
 */
public record StudyCell(StudyGroup group, String name, Path runDirectory, Genotype genotype, double testTop1, long parameters,
                        double cellFlops, double trainSeconds, OptionalDouble searchSeconds) {

    public StudyCell {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(runDirectory, "runDirectory");
        Objects.requireNonNull(genotype, "genotype");
        Objects.requireNonNull(searchSeconds, "searchSeconds");
    }
}
