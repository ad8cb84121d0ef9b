package org.snas4j.application.port.out;

import java.nio.file.Path;
import org.snas4j.application.data.Batch;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * Trains the weights of a supernet whose mixed edges are weighted by a fed Z (one [14 x 8] matrix
 * for all normal cells and one for all reduction cells). It knows nothing of alpha, the
 * temperature or the resource constraint: it returns dLoss/dZ and the domain does the rest.
 */
public interface SupernetTrainer extends AutoCloseable {

    /** Forward, backward, and one SGD update of the weights at {@code learningRate}. */
    StepResult trainStep(Batch batch, CellPair<EdgeOpMatrix> z, double learningRate);

    /** Inference-mode forward pass (no weight update) with any Z, e.g. the one-hot Z of a genotype. */
    EvaluationResult evaluate(Batch batch, CellPair<EdgeOpMatrix> z);

    /** Writes every variable (weights, BN statistics, momentum buffers) into {@code directory}. */
    void saveVariables(Path directory);

    /** Restores what {@link #saveVariables} wrote. */
    void restoreVariables(Path directory);

    /** Number of trainable weights. */
    long parameterCount();

    @Override
    void close();
}
