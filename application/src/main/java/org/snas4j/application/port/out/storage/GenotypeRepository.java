package org.snas4j.application.port.out.storage;

import java.nio.file.Path;
import org.snas4j.application.InvalidInputException;
import org.snas4j.domain.genotype.Genotype;

/**
 * Stores genotypes in files. The format follows the file name: {@code .pb} (binary protobuf),
 * {@code .textproto} (protobuf text format) or {@code .json}.
 */
public interface GenotypeRepository {

    /** Writes atomically: the file is either the complete new genotype or untouched. */
    void save(Path file, Genotype genotype);

    /**
     * @throws InvalidInputException naming the file and the problem for a truncated or garbled
     *                               file, an unknown op, an input index out of range or a wrong edge count
     */
    Genotype load(Path file);
}
