package org.snas4j.application.port.out.training;

import java.nio.file.Path;
import org.snas4j.application.port.out.data.Batch;

/**
 * Trains and evaluates the evaluation network of one genotype: SGD with momentum, weight decay,
 * gradient clipping, the fed learning rate, drop-path and the optional auxiliary loss. Owns native
 * resources until closed.
 */
public interface ChildNetworkTrainer extends AutoCloseable {

    /**
     * Forward, backward and one weight update.
     *
     * @param learningRate        this step's learning rate
     * @param dropPathProbability probability of dropping an edge's output per example (0 disables)
     * @param globalStep          0-based step number since the start of training; the drop-path masks
     *                            are a function of (seed, globalStep) so a resumed run draws the same ones
     */
    ChildStepResult trainStep(Batch batch, double learningRate, double dropPathProbability, long globalStep);

    /** Inference-mode pass (moving BN statistics, no drop-path, no auxiliary head), no update. */
    EvaluationResult evaluate(Batch batch);

    /** Writes every variable (weights, BN statistics, momentum buffers) into {@code directory}. */
    void saveVariables(Path directory);

    /**
     * Restores what {@link #saveVariables} wrote.
     *
     * @throws org.snas4j.application.InvalidInputException when the directory holds no variables of this network
     */
    void restoreVariables(Path directory);

    /** Number of trainable weights (the auxiliary head's included when it is built). */
    long parameterCount();

    @Override
    void close();
}
