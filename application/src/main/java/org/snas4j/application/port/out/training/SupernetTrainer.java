package org.snas4j.application.port.out.training;

import java.nio.file.Path;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * Trains the weights of a supernet whose mixed edges are weighted by a fed Z (one [14 x 8] matrix
 * for all normal cells and one for all reduction cells). It knows nothing of alpha, the
 * temperature or the resource constraint: it returns dLoss/dZ and the domain does the rest.
 */
public interface SupernetTrainer extends AutoCloseable {

    /**
     * Forward, backward, and one SGD update of the weights at {@code learningRate}, with the
     * configured drop-path on every mixed edge.
     *
     * @param globalStep 0-based step number since the start of the search; the drop-path masks are a
     *                   function of (seed, globalStep), so a resumed run draws the same ones
     */
    StepResult trainStep(Batch batch, CellPair<EdgeOpMatrix> z, double learningRate, long globalStep);

    /**
     * The update of {@link #trainStep} for a Z whose dLoss/dZ is not wanted (alpha frozen, as over the warm-up's
     * one-hot paths). An operation that Z weights by exactly 0 adds nothing to the loss and a zero gradient to its
     * weights (their update is momentum and weight decay alone), so an adapter may leave it uncomputed; the
     * batch-norm moving statistics of such an operation may then keep their values.
     */
    default WeightStepResult trainWeightsStep(Batch batch, CellPair<EdgeOpMatrix> z, double learningRate, long globalStep) {
        StepResult step = trainStep(batch, z, learningRate, globalStep);
        return new WeightStepResult(step.loss(), step.accuracy());
    }

    /**
     * Inference-mode forward pass (no weight update, no drop-path) with any Z, using the batch-norm
     * statistics the supernet gathered while training under sampled Z.
     */
    EvaluationResult evaluate(Batch batch, CellPair<EdgeOpMatrix> z);

    /**
     * Evaluates one fixed architecture {@code z} (a child's one-hot) with batch-norm statistics of its
     * own: every BN layer's statistics are first re-estimated as the mean over {@code calibration}
     * batches of training-mode forward passes under {@code z} (no weight update, no drop-path), then
     * {@code batches} are evaluated in inference mode. The supernet's own statistics are restored
     * afterwards, whatever happens: training continues exactly as without this call.
     */
    EvaluationResult evaluateRecalibrated(CellPair<EdgeOpMatrix> z, Iterable<Batch> calibration, Iterable<Batch> batches);

    /** Writes every variable (weights, BN statistics, momentum buffers) into {@code directory}. */
    void saveVariables(Path directory);

    /** Restores what {@link #saveVariables} wrote. */
    void restoreVariables(Path directory);

    /** Number of trainable weights. */
    long parameterCount();

    @Override
    void close();
}
