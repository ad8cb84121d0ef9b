package org.snas4j.application.service.search;

import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.in.search.SearchConfiguration;
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
 * The data of a search: the training images split into a part that trains weights and alpha and a
 * held-out part that validates the derived child. The test set is never touched.
 */
public final class SearchData {

    private final String datasetName;
    private final String fingerprint;
    private final NetworkShape shape;
    private final BatchStream training;
    private final BatchStream validation;
    private final Normalization normalization;

    private SearchData(String datasetName, String fingerprint, NetworkShape shape, BatchStream training, BatchStream validation,
                       Normalization normalization) {
        this.normalization = normalization;
        this.datasetName = datasetName;
        this.fingerprint = fingerprint;
        this.shape = shape;
        this.training = training;
        this.validation = validation;
    }

    /** Splits, normalises and batches the training images of {@code splits} as {@code config} says. */
    public static SearchData prepare(DatasetSplits splits, SearchConfiguration config) {
        ImageDataset all = NetworkInputs.trainingImages(splits, config.trainLimit());
        TrainValidationSplit split = TrainValidationSplit.stratified(all, config.validationFraction(), config.seed());
        if (config.batchSize() > split.train().size()) {
            throw new InvalidSettingException("batchSize", "batch size " + config.batchSize() + " is larger than the "
                    + split.train().size() + " training images left after holding out " + split.validation().size());
        }
        NetworkShape shape = NetworkInputs.shape(config.layers(), config.channels(), all);
        Normalization normalization = Normalization.of(split.train());
        BatchStream training = BatchStream.training(split.train(), config.batchSize(), normalization,
                Augmentation.defaultFor(split.train()), config.seed());
        BatchStream validation = BatchStream.evaluation(split.validation(), BatchStream.EVALUATION_BATCH, normalization);
        return new SearchData(all.name(), all.fingerprint(), shape, training, validation, normalization);
    }

    String datasetName() {
        return datasetName;
    }

    /** The class names of the images, by label. */
    java.util.List<String> classNames() {
        return training.data().classNames();
    }

    /** Fingerprint of the training images the run uses (before the train/validation split). */
    String fingerprint() {
        return fingerprint;
    }

    /** The statistics of the part that trains the supernet, which every input of the network is normalised with. */
    public Normalization normalization() {
        return normalization;
    }

    public NetworkShape shape() {
        return shape;
    }

    ImageDataset train() {
        return training.data();
    }

    ImageDataset validation() {
        return validation.data();
    }

    int stepsPerEpoch() {
        return training.batchesPerEpoch();
    }

    /** This epoch's shuffled, augmented training batches; the order depends only on (seed, epoch). */
    Iterable<Batch> trainingBatches(int epoch) {
        return () -> training.epoch(epoch);
    }

    /**
     * The first {@code count} training batches of {@code epoch} (all of them if there are fewer): the
     * images on which a child's batch-norm statistics are re-estimated before it is validated.
     */
    public Iterable<Batch> calibrationBatches(int epoch, int count) {
        return training.firstBatches(epoch, count);
    }

    /** Batches in one pass over the held-out images. */
    int validationBatchCount() {
        return validation.batchesPerEpoch();
    }

    /** The held-out images, in evaluation batches. */
    public Iterable<Batch> validationBatches() {
        return () -> validation.epoch(0);
    }
}
