package org.snas4j.application.service.data;

import java.util.Objects;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.domain.sampling.StratifiedHoldOut;

/**
 * A seeded, class-stratified hold-out of part of the TRAINING set, used to validate architectures
 * during search; the test set is never touched (the SNAS authors validated on the CIFAR-10 test set,
 * a defect this avoids). Each class contributes its share of the validation images, so the label
 * histograms of both parts follow the training set's. Both parts keep the original image order.
 */
public record TrainValidationSplit(ImageDataset train, ImageDataset validation) {

    public TrainValidationSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
    }

    /**
     * Holds out round(fraction * size) images: floor(fraction * n_c) of every class c, and the
     * remaining few from the classes with the largest remainders (ties to the lower class index).
     *
     * @throws org.snas4j.application.InvalidSettingException if the fraction is not in (0, 1) or leaves either part empty
     */
    public static TrainValidationSplit stratified(ImageDataset training, double validationFraction, long seed) {
        boolean[] held = training.stratifiedHoldOut(validationFraction, seed, "validationFraction");
        return new TrainValidationSplit(training.subset(training.name() + " (search-train part)", StratifiedHoldOut.indices(held, false)),
                training.subset(training.name() + " (validation part)", StratifiedHoldOut.indices(held, true)));
    }
}
