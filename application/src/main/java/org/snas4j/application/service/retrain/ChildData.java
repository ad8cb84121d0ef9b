package org.snas4j.application.service.retrain;

import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.data.Normalization;
import org.snas4j.application.service.data.Augmentation;
import org.snas4j.application.service.data.BatchStream;
import org.snas4j.application.service.data.NetworkInputs;
import org.snas4j.application.service.data.TrainValidationSplit;
import org.snas4j.domain.space.NetworkShape;

/**
 * The data of a retraining run: the training images (all of them, or all but a held-out validation
 * share), normalised with their own statistics and augmented (crop and flip for colour images, Cutout
 * when asked), the set reported every epoch, and the test set.
 */
final class ChildData {

    static final String VALIDATION = "validation";
    static final String TEST = "test";

    private final String datasetName;
    private final String fingerprint;
    private final NetworkShape shape;
    private final Normalization normalization;
    private final BatchStream training;
    private final BatchStream heldOut;
    private final String heldOutName;
    private final BatchStream test;

    private ChildData(String datasetName, String fingerprint, NetworkShape shape, Normalization normalization, BatchStream training,
                      BatchStream heldOut, String heldOutName, BatchStream test) {
        this.datasetName = datasetName;
        this.fingerprint = fingerprint;
        this.shape = shape;
        this.normalization = normalization;
        this.training = training;
        this.heldOut = heldOut;
        this.heldOutName = heldOutName;
        this.test = test;
    }

    static ChildData prepare(DatasetSplits splits, RetrainConfiguration config) {
        ImageDataset all = NetworkInputs.trainingImages(splits, config.trainLimit());
        ImageDataset train = all;
        ImageDataset heldOut = splits.test();
        String heldOutName = TEST;
        if (config.validationFraction() > 0) {
            TrainValidationSplit split = TrainValidationSplit.stratified(all, config.validationFraction(), config.seed());
            train = split.train();
            heldOut = split.validation();
            heldOutName = VALIDATION;
        }
        if (config.batchSize() > train.size()) {
            throw new InvalidSettingException("batchSize", "batch size " + config.batchSize() + " is larger than the " + train.size()
                    + " training images");
        }
        NetworkShape shape = NetworkInputs.shape(config.layers(), config.channels(), all, config.network());
        if (config.auxiliary() && auxiliaryInputSize(shape) < 5) {
            throw new InvalidSettingException("auxiliary", "the auxiliary head needs at least 5x5 features at cell " + 2 * shape.layers() / 3
                    + ", these images give " + auxiliaryInputSize(shape) + "x" + auxiliaryInputSize(shape));
        }
        Normalization normalization = Normalization.of(train);
        Augmentation augmentation = Augmentation.of(config.randomTransforms(), train).withCutout(config.cutout());
        return new ChildData(all.name(), all.fingerprint(), shape, normalization,
                BatchStream.training(train, config.batchSize(), normalization, augmentation, config.seed()),
                BatchStream.evaluation(heldOut, BatchStream.EVALUATION_BATCH, normalization), heldOutName,
                BatchStream.evaluation(splits.test(), BatchStream.EVALUATION_BATCH, normalization));
    }

    private static int auxiliaryInputSize(NetworkShape shape) {
        return org.snas4j.domain.space.NetworkLayout.of(shape).cell(2 * shape.layers() / 3).outputSize();
    }

    String datasetName() {
        return datasetName;
    }

    /** The class names of the images, by label. */
    java.util.List<String> classNames() {
        return training.data().classNames();
    }

    String fingerprint() {
        return fingerprint;
    }

    NetworkShape shape() {
        return shape;
    }

    Normalization normalization() {
        return normalization;
    }

    int stepsPerEpoch() {
        return training.batchesPerEpoch();
    }

    int trainImages() {
        return training.data().size();
    }

    int heldOutImages() {
        return heldOut.data().size();
    }

    String heldOutName() {
        return heldOutName;
    }

    boolean heldOutIsTest() {
        return TEST.equals(heldOutName);
    }

    Iterable<Batch> trainingBatches(int epoch) {
        return () -> training.epoch(epoch);
    }

    int heldOutBatchCount() {
        return heldOut.batchesPerEpoch();
    }

    int testBatchCount() {
        return test.batchesPerEpoch();
    }

    Iterable<Batch> heldOutBatches() {
        return () -> heldOut.epoch(0);
    }

    Iterable<Batch> testBatches() {
        return () -> test.epoch(0);
    }
}
