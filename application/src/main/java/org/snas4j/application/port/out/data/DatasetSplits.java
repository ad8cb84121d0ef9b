package org.snas4j.application.port.out.data;

import java.util.Objects;

/** The training and test sets of one dataset. The test set is never used while searching. */
public record DatasetSplits(ImageDataset train, ImageDataset test) {

    public DatasetSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (train.height() != test.height() || train.width() != test.width() || train.channels() != test.channels()
                || train.classes() != test.classes()) {
            throw new IllegalArgumentException("train set " + train + " and test set " + test + " differ in shape");
        }
    }
}
