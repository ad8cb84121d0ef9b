package org.snas4j.application.port.in.search;

import java.util.Objects;
import java.util.Optional;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.domain.cost.ConstraintLevel;
import org.snas4j.domain.cost.CostForm;
import org.snas4j.domain.cost.CostMetric;
import org.snas4j.domain.cost.GradientEstimator;
import org.snas4j.domain.distribution.TemperatureSchedule;
import org.snas4j.domain.genotype.Top2Rule;

/**
 * Everything that determines a search run. Recorded with every result (provenance) and enough to
 * resume it. {@link #builder()} starts from the defaults (the command line's), so callers name only
 * what they change.
 *
 * @param dataset            which data to search on
 * @param layers             cells in the supernet
 * @param channels           initial channels C
 * @param batchSize          mini-batch size
 * @param epochs             epochs in all, warm-up included; the temperature anneals over those after the warm-up
 * @param seed               seed of everything random (weights, alpha, Gumbel noise, data order, split, drop-path)
 * @param temperatureStart   tau at the first epoch after the warm-up
 * @param temperatureFloor   tau at the last epoch
 * @param temperatureSchedule linear or exponential annealing
 * @param lambda             resource-penalty weight (0 = unconstrained)
 * @param costMetric         which cost the penalty uses
 * @param costForm           the authors' log form or the linear one
 * @param estimator          gradient estimator of the penalty
 * @param validationFraction part of the training set held out to validate the child (never the test set)
 * @param learningRate       initial weight learning rate (cosine to learningRateMin)
 * @param learningRateMin    final weight learning rate
 * @param architectureLearningRate Adam learning rate of alpha (the authors' 3e-4 suits 150 epochs; short runs need more)
 * @param device             CPU or GPU
 * @param threads            TensorFlow intra-op threads (0 = all cores)
 * @param trainLimit         use at most this many training images (0 = all); for quick runs
 * @param warmupEpochs       first epochs in which alpha is frozen and each step trains a uniformly drawn
 *                           one-hot architecture (the authors' {@code --random_sample_pretrain})
 * @param dropPath           probability of dropping a mixed edge's output per example while training
 *                           the supernet (the authors' search command: 0.3)
 * @param top2Rule           whether the top-2 child may keep none (SNAS code) or not (DARTS)
 * @param childCalibrationBatches training batches on which each child's batch-norm statistics are
 *                           re-estimated before it is validated (0 = use the supernet's statistics)
 */
public record SearchConfiguration(DatasetRequest dataset, int layers, int channels, int batchSize, int epochs, long seed,
                                  double temperatureStart, double temperatureFloor, TemperatureSchedule.Kind temperatureSchedule,
                                  double lambda, CostMetric costMetric, CostForm costForm, GradientEstimator estimator,
                                  double validationFraction, double learningRate, double learningRateMin,
                                  double architectureLearningRate, Device device, int threads, int trainLimit,
                                  int warmupEpochs, double dropPath, Top2Rule top2Rule, int childCalibrationBatches) {

    public SearchConfiguration {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(temperatureSchedule, "temperatureSchedule");
        Objects.requireNonNull(costMetric, "costMetric");
        Objects.requireNonNull(costForm, "costForm");
        Objects.requireNonNull(estimator, "estimator");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(top2Rule, "top2Rule");
    }

    /**
     * The default warm-up of a search of {@code epochs} epochs: the defaults' share (2 of 7), rounded,
     * so a shorter or longer search keeps the proportion and always has an epoch in which alpha moves.
     */
    public static int defaultWarmupEpochs(int epochs) {
        return (int) Math.round((double) epochs * DEFAULTS.warmupEpochs / DEFAULTS.epochs);
    }

    /** Epochs in which alpha moves: the temperature anneals over exactly these. */
    public int searchEpochs() {
        return Math.max(1, epochs - warmupEpochs);
    }

    /** True in the warm-up epochs (0-based {@code epoch}). */
    public boolean isWarmup(int epoch) {
        return epoch < warmupEpochs;
    }

    /** This configuration with another seed (a study's or a sweep's repetitions). */
    public SearchConfiguration withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder holding the defaults: the bundled Fashion-MNIST subset, sized for a 2-core CPU. Unless
     * set, its warm-up follows the epochs ({@link #defaultWarmupEpochs}).
     */
    public static Builder builder() {
        Builder defaults = new Builder(DEFAULTS);
        defaults.warmupFollowsEpochs = true;
        return defaults;
    }

    /** The defaults of every setting (also the command line's). */
    public static final SearchConfiguration DEFAULTS = new SearchConfiguration(
            new DatasetRequest("fashion-mnist", Optional.empty()), 5, 8, 64, 7, 1,
            1.0, 0.03, TemperatureSchedule.Kind.LINEAR,
            ConstraintLevel.NONE.lambda(), CostMetric.COMBINED, CostForm.LOG, GradientEstimator.REPARAMETRISATION,
            0.2, 0.025, 0.001, 0.03, Device.CPU, 0, 10_000,
            2, 0.3, Top2Rule.DARTS, 20);

    /** Changes some settings of a configuration, keeping the rest. */
    public static final class Builder {
        private DatasetRequest dataset;
        private int layers;
        private int channels;
        private int batchSize;
        private int epochs;
        private long seed;
        private double temperatureStart;
        private double temperatureFloor;
        private TemperatureSchedule.Kind temperatureSchedule;
        private double lambda;
        private CostMetric costMetric;
        private CostForm costForm;
        private GradientEstimator estimator;
        private double validationFraction;
        private double learningRate;
        private double learningRateMin;
        private double architectureLearningRate;
        private Device device;
        private int threads;
        private int trainLimit;
        private int warmupEpochs;
        /** True until the warm-up is set, in a builder of the defaults: then it is the defaults' share of the epochs. */
        private boolean warmupFollowsEpochs;
        private double dropPath;
        private Top2Rule top2Rule;
        private int childCalibrationBatches;

        private Builder(SearchConfiguration c) {
            dataset = c.dataset;
            layers = c.layers;
            channels = c.channels;
            batchSize = c.batchSize;
            epochs = c.epochs;
            seed = c.seed;
            temperatureStart = c.temperatureStart;
            temperatureFloor = c.temperatureFloor;
            temperatureSchedule = c.temperatureSchedule;
            lambda = c.lambda;
            costMetric = c.costMetric;
            costForm = c.costForm;
            estimator = c.estimator;
            validationFraction = c.validationFraction;
            learningRate = c.learningRate;
            learningRateMin = c.learningRateMin;
            architectureLearningRate = c.architectureLearningRate;
            device = c.device;
            threads = c.threads;
            trainLimit = c.trainLimit;
            warmupEpochs = c.warmupEpochs;
            dropPath = c.dropPath;
            top2Rule = c.top2Rule;
            childCalibrationBatches = c.childCalibrationBatches;
        }

        public Builder dataset(DatasetRequest value) { dataset = value; return this; }
        public Builder layers(int value) { layers = value; return this; }
        public Builder channels(int value) { channels = value; return this; }
        public Builder batchSize(int value) { batchSize = value; return this; }
        public Builder epochs(int value) { epochs = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder temperatureStart(double value) { temperatureStart = value; return this; }
        public Builder temperatureFloor(double value) { temperatureFloor = value; return this; }
        public Builder temperatureSchedule(TemperatureSchedule.Kind value) { temperatureSchedule = value; return this; }
        public Builder lambda(double value) { lambda = value; return this; }
        public Builder costMetric(CostMetric value) { costMetric = value; return this; }
        public Builder costForm(CostForm value) { costForm = value; return this; }
        public Builder estimator(GradientEstimator value) { estimator = value; return this; }
        public Builder validationFraction(double value) { validationFraction = value; return this; }
        public Builder learningRate(double value) { learningRate = value; return this; }
        public Builder learningRateMin(double value) { learningRateMin = value; return this; }
        public Builder architectureLearningRate(double value) { architectureLearningRate = value; return this; }
        public Builder device(Device value) { device = value; return this; }
        public Builder threads(int value) { threads = value; return this; }
        public Builder trainLimit(int value) { trainLimit = value; return this; }
        public Builder warmupEpochs(int value) { warmupEpochs = value; warmupFollowsEpochs = false; return this; }
        public Builder dropPath(double value) { dropPath = value; return this; }
        public Builder top2Rule(Top2Rule value) { top2Rule = value; return this; }
        public Builder childCalibrationBatches(int value) { childCalibrationBatches = value; return this; }

        public SearchConfiguration build() {
            return new SearchConfiguration(dataset, layers, channels, batchSize, epochs, seed, temperatureStart, temperatureFloor,
                    temperatureSchedule, lambda, costMetric, costForm, estimator, validationFraction, learningRate, learningRateMin,
                    architectureLearningRate, device, threads, trainLimit,
                    warmupFollowsEpochs ? defaultWarmupEpochs(epochs) : warmupEpochs, dropPath, top2Rule, childCalibrationBatches);
        }
    }
}
