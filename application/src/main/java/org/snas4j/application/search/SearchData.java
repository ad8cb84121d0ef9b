package org.snas4j.application.search;

import org.snas4j.application.InvalidInputException;
import org.snas4j.application.data.Augmentation;
import org.snas4j.application.data.Batch;
import org.snas4j.application.data.BatchStream;
import org.snas4j.application.data.DatasetSplits;
import org.snas4j.application.data.ImageDataset;
import org.snas4j.application.data.NetworkInputs;
import org.snas4j.application.data.Normalization;
import org.snas4j.application.data.TrainValidationSplit;
import org.snas4j.domain.space.NetworkShape;

/**
 * The data of a search: the training images split into a part that trains weights and alpha and a
 * held-out part that validates the derived child. The test set is never touched.
 */
final class SearchData {

    /** Evaluation batches are larger: no gradients, so memory allows it. */
    private static final int EVALUATION_BATCH = 256;

    private final String datasetName;
    private final String fingerprint;
    private final NetworkShape shape;
    private final BatchStream training;
    private final BatchStream validation;

    private SearchData(String datasetName, String fingerprint, NetworkShape shape, BatchStream training, BatchStream validation) {
        this.datasetName = datasetName;
        this.fingerprint = fingerprint;
        this.shape = shape;
        this.training = training;
        this.validation = validation;
    }

    static SearchData prepare(DatasetSplits splits, SearchConfiguration config) {
        ImageDataset all = NetworkInputs.trainingImages(splits, config.trainLimit());
        TrainValidationSplit split = TrainValidationSplit.stratified(all, config.validationFraction(), config.seed());
        if (config.batchSize() > split.train().size()) {
            throw new InvalidInputException("--batch", "batch size " + config.batchSize() + " is larger than the "
                    + split.train().size() + " training images left after holding out " + split.validation().size());
        }
        NetworkShape shape = NetworkInputs.shape(config.layers(), config.channels(), all);
        Normalization normalization = Normalization.of(split.train());
        BatchStream training = BatchStream.training(split.train(), config.batchSize(), normalization,
                Augmentation.defaultFor(split.train()), config.seed());
        BatchStream validation = BatchStream.evaluation(split.validation(), EVALUATION_BATCH, normalization);
        return new SearchData(all.name(), all.fingerprint(), shape, training, validation);
    }

    String datasetName() {
        return datasetName;
    }

    /** Fingerprint of the training images the run uses (before the train/validation split). */
    String fingerprint() {
        return fingerprint;
    }

    NetworkShape shape() {
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

    Iterable<Batch> validationBatches() {
        return () -> validation.epoch(0);
    }
}
