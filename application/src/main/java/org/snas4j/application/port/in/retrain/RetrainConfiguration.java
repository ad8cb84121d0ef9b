package org.snas4j.application.port.in.retrain;

import java.util.Objects;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.SgdSettings;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.NetworkKind;
import org.snas4j.domain.space.NetworkShape;

/**
 * Everything that determines a retraining run; recorded with its results and enough to resume it.
 * {@link #builder()} starts from {@link #DEFAULTS} (the command line's), so callers name only what they change.
 *
 * @param dataset             which data to train and test on
 * @param genotypeSource      where the genotype came from (a published name, a file, a search run), for the record
 * @param genotype            the architecture to train
 * @param layers              cells (DARTS: 20)
 * @param channels            initial channels C (DARTS: 36)
 * @param batchSize           mini-batch size (DARTS: 96)
 * @param epochs              epochs (DARTS: 600); the learning rate and the drop-path probability follow them
 * @param seed                seed of the weights, data order, augmentation, split and drop-path masks
 * @param auxiliary           train with the auxiliary head at cell 2*layers/3
 * @param auxiliaryWeight     its loss weight (0.4)
 * @param cutout              side of the Cutout square (DARTS: 16), 0 for none
 * @param dropPath            drop-path probability reached at the last epoch (DARTS: 0.2), ramped linearly from 0
 * @param learningRate        initial SGD learning rate (0.025), cosine-annealed per epoch
 * @param learningRateMin     final learning rate (0)
 * @param batchNormAfterPools the SNAS code's affine BN after every pool (DARTS: plain pools)
 * @param validationFraction  0: train on the whole training set and report the test set every epoch
 *                            (DARTS' practice; nothing is selected on it); otherwise hold out this share
 *                            of the training set and report it every epoch, the test set only at the end
 * @param device              CPU or GPU
 * @param threads             TensorFlow threads (0 = TensorFlow's choice)
 * @param trainLimit          use at most this many training images (0 = all); for quick runs
 * @param network             which evaluation network stacks the cells: DARTS' NetworkCIFAR or NetworkImageNet (the mobile setting)
 * @param labelSmoothing      epsilon of the training targets' label smoothing (the ImageNet recipe: 0.1), 0 for none
 * @param weightDecay         L2 weight decay (DARTS: 3e-4 on CIFAR-10, 3e-5 on ImageNet)
 * @param randomTransforms    random crop and flip of the training images (DARTS: both on CIFAR-10)
 */
public record RetrainConfiguration(DatasetRequest dataset, String genotypeSource, Genotype genotype, int layers, int channels,
                                   int batchSize, int epochs, long seed, boolean auxiliary, double auxiliaryWeight, int cutout,
                                   double dropPath, double learningRate, double learningRateMin, boolean batchNormAfterPools,
                                   double validationFraction, Device device, int threads, int trainLimit, NetworkKind network,
                                   double labelSmoothing, double weightDecay, RandomTransforms randomTransforms) {

    /** DARTS' weight decay for the CIFAR network. */
    public static final double CIFAR_WEIGHT_DECAY = 3e-4;
    /** DARTS' and SNAS' weight decay for the ImageNet network. */
    public static final double IMAGENET_WEIGHT_DECAY = 3e-5;
    /** DARTS' and SNAS' label smoothing for the ImageNet network. */
    public static final double IMAGENET_LABEL_SMOOTHING = 0.1;

    public RetrainConfiguration {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(genotypeSource, "genotypeSource");
        Objects.requireNonNull(genotype, "genotype");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(randomTransforms, "randomTransforms");
    }

    /** This configuration training another genotype (a study retrains every cell with one budget). */
    public RetrainConfiguration withGenotype(String newGenotypeSource, Genotype newGenotype) {
        return toBuilder().genotype(newGenotypeSource, newGenotype).build();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder holding the defaults, so callers name only what they change (the genotype above all). */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** The trainer configuration of this run for images that give the network {@code shape}; SGD as the papers set it, with this run's weight decay. */
    public ChildNetworkConfig networkConfig(NetworkShape shape) {
        return new ChildNetworkConfig(genotype, shape, new ChildOptions(auxiliary, batchNormAfterPools), auxiliaryWeight,
                SgdSettings.PAPER.withWeightDecay(weightDecay), seed, device, threads, labelSmoothing);
    }

    /** Drop-path probability of {@code epoch}: p * epoch / epochs, as DARTS' train.py sets it. */
    public double dropPathAt(int epoch) {
        return dropPath * epoch / epochs;
    }

    /**
     * The defaults of every setting (also the command line's): sized for a 2-core CPU on the bundled
     * Fashion-MNIST subset, DARTS' recipe otherwise (auxiliary weight 0.4, drop-path 0.2, learning rate
     * 0.025 cosine-annealed to 0). The genotype, snas-mild, stands in for the one every caller chooses.
     */
    public static final RetrainConfiguration DEFAULTS = new RetrainConfiguration(DatasetRequest.bundledDefault(), "snas-mild",
            PublishedGenotypes.byName("snas-mild"), 8, 16, 64, 5, 1, false, ChildNetworkConfig.DARTS_AUXILIARY_WEIGHT, 0, 0.2, 0.025, 0,
            false, 0, Device.CPU, 0, 10_000, NetworkKind.CIFAR, 0, CIFAR_WEIGHT_DECAY, RandomTransforms.AUTO);

    /** Changes some settings of a configuration, keeping the rest. */
    public static final class Builder {
        private DatasetRequest dataset;
        private String genotypeSource;
        private Genotype genotype;
        private int layers;
        private int channels;
        private int batchSize;
        private int epochs;
        private long seed;
        private boolean auxiliary;
        private double auxiliaryWeight;
        private int cutout;
        private double dropPath;
        private double learningRate;
        private double learningRateMin;
        private boolean batchNormAfterPools;
        private double validationFraction;
        private Device device;
        private int threads;
        private int trainLimit;
        private NetworkKind network;
        private double labelSmoothing;
        private double weightDecay;
        private RandomTransforms randomTransforms;

        private Builder(RetrainConfiguration c) {
            dataset = c.dataset;
            genotypeSource = c.genotypeSource;
            genotype = c.genotype;
            layers = c.layers;
            channels = c.channels;
            batchSize = c.batchSize;
            epochs = c.epochs;
            seed = c.seed;
            auxiliary = c.auxiliary;
            auxiliaryWeight = c.auxiliaryWeight;
            cutout = c.cutout;
            dropPath = c.dropPath;
            learningRate = c.learningRate;
            learningRateMin = c.learningRateMin;
            batchNormAfterPools = c.batchNormAfterPools;
            validationFraction = c.validationFraction;
            device = c.device;
            threads = c.threads;
            trainLimit = c.trainLimit;
            network = c.network;
            labelSmoothing = c.labelSmoothing;
            weightDecay = c.weightDecay;
            randomTransforms = c.randomTransforms;
        }

        public Builder dataset(DatasetRequest value) { dataset = value; return this; }
        /** The genotype to train and where it came from, for the record. */
        public Builder genotype(String source, Genotype value) { genotypeSource = source; genotype = value; return this; }
        public Builder layers(int value) { layers = value; return this; }
        public Builder channels(int value) { channels = value; return this; }
        public Builder batchSize(int value) { batchSize = value; return this; }
        public Builder epochs(int value) { epochs = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder auxiliary(boolean value) { auxiliary = value; return this; }
        public Builder auxiliaryWeight(double value) { auxiliaryWeight = value; return this; }
        public Builder cutout(int value) { cutout = value; return this; }
        public Builder dropPath(double value) { dropPath = value; return this; }
        public Builder learningRate(double value) { learningRate = value; return this; }
        public Builder learningRateMin(double value) { learningRateMin = value; return this; }
        public Builder batchNormAfterPools(boolean value) { batchNormAfterPools = value; return this; }
        public Builder validationFraction(double value) { validationFraction = value; return this; }
        public Builder device(Device value) { device = value; return this; }
        public Builder threads(int value) { threads = value; return this; }
        public Builder trainLimit(int value) { trainLimit = value; return this; }
        public Builder network(NetworkKind value) { network = value; return this; }

        /**
         * The network {@code value} with its published recipe's label smoothing and weight decay (DARTS
         * and SNAS: none and 3e-4 for the CIFAR network, 0.1 and 3e-5 for the ImageNet one), so every
         * caller gets the same defaults; set either after this to depart from the recipe.
         */
        public Builder networkWithRecipe(NetworkKind value) {
            network = Objects.requireNonNull(value, "network");
            boolean imageNet = value == NetworkKind.IMAGENET;
            labelSmoothing = imageNet ? IMAGENET_LABEL_SMOOTHING : 0;
            weightDecay = imageNet ? IMAGENET_WEIGHT_DECAY : CIFAR_WEIGHT_DECAY;
            return this;
        }
        public Builder labelSmoothing(double value) { labelSmoothing = value; return this; }
        public Builder weightDecay(double value) { weightDecay = value; return this; }
        public Builder randomTransforms(RandomTransforms value) { randomTransforms = value; return this; }

        public RetrainConfiguration build() {
            return new RetrainConfiguration(dataset, genotypeSource, genotype, layers, channels, batchSize, epochs, seed, auxiliary,
                    auxiliaryWeight, cutout, dropPath, learningRate, learningRateMin, batchNormAfterPools, validationFraction, device, threads,
                    trainLimit, network, labelSmoothing, weightDecay, randomTransforms);
        }
    }
}
