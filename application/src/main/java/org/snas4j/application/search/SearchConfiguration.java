package org.snas4j.application.search;

import java.util.Objects;
import org.snas4j.application.data.DatasetRequest;
import org.snas4j.application.port.out.Device;
import org.snas4j.domain.cost.CostMetric;
import org.snas4j.domain.cost.GradientEstimator;

/**
 * Everything that determines a search run. Recorded with every result (provenance) and enough to
 * resume it.
 *
 * @param dataset            which data to search on
 * @param layers             cells in the supernet
 * @param channels           initial channels C
 * @param batchSize          mini-batch size
 * @param epochs             epochs; the temperature anneals over exactly this many
 * @param seed               seed of everything random (weights, alpha, Gumbel noise, data order, split)
 * @param temperatureStart   tau at epoch 0
 * @param temperatureFloor   tau at the last epoch
 * @param exponentialTemperature  anneal exponentially instead of linearly
 * @param lambda             resource-penalty weight (0 = unconstrained)
 * @param costMetric         which cost the penalty uses
 * @param logarithmicCost    the authors' log form instead of the linear one
 * @param estimator          gradient estimator of the penalty
 * @param validationFraction part of the training set held out to validate the child (never the test set)
 * @param learningRate       initial weight learning rate (cosine to learningRateMin)
 * @param learningRateMin    final weight learning rate
 * @param architectureLearningRate Adam learning rate of alpha (the authors' 3e-4 suits 150 epochs; short runs need more)
 * @param device             CPU or GPU
 * @param threads            TensorFlow intra-op threads (0 = all cores)
 * @param trainLimit         use at most this many training images (0 = all); for quick runs
 */
public record SearchConfiguration(DatasetRequest dataset, int layers, int channels, int batchSize, int epochs, long seed,
                                  double temperatureStart, double temperatureFloor, boolean exponentialTemperature,
                                  double lambda, CostMetric costMetric, boolean logarithmicCost, GradientEstimator estimator,
                                  double validationFraction, double learningRate, double learningRateMin,
                                  double architectureLearningRate, Device device,
                                  int threads, int trainLimit) {

    public SearchConfiguration {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(costMetric, "costMetric");
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(device, "device");
    }
}
