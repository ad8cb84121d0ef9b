package org.snas4j.application.port.in.retrain;

import java.util.Objects;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.SgdSettings;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.space.NetworkShape;

/**
 * Everything that determines a retraining run; recorded with its results and enough to resume it.
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
 */
public record RetrainConfiguration(DatasetRequest dataset, String genotypeSource, Genotype genotype, int layers, int channels,
                                   int batchSize, int epochs, long seed, boolean auxiliary, double auxiliaryWeight, int cutout,
                                   double dropPath, double learningRate, double learningRateMin, boolean batchNormAfterPools,
                                   double validationFraction, Device device, int threads, int trainLimit) {

    public RetrainConfiguration {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(genotypeSource, "genotypeSource");
        Objects.requireNonNull(genotype, "genotype");
        Objects.requireNonNull(device, "device");
    }

    /** This configuration training another genotype (a study retrains every cell with one budget). */
    public RetrainConfiguration withGenotype(String newGenotypeSource, Genotype newGenotype) {
        return new RetrainConfiguration(dataset, newGenotypeSource, newGenotype, layers, channels, batchSize, epochs, seed, auxiliary,
                auxiliaryWeight, cutout, dropPath, learningRate, learningRateMin, batchNormAfterPools, validationFraction, device, threads,
                trainLimit);
    }

    /** The trainer configuration of this run for images that give the network {@code shape}; SGD as the papers set it. */
    public ChildNetworkConfig networkConfig(NetworkShape shape) {
        return new ChildNetworkConfig(genotype, shape, new ChildOptions(auxiliary, batchNormAfterPools), auxiliaryWeight, SgdSettings.PAPER,
                seed, device, threads);
    }

    /** Drop-path probability of {@code epoch}: p * epoch / epochs, as DARTS' train.py sets it. */
    public double dropPathAt(int epoch) {
        return dropPath * epoch / epochs;
    }
}
