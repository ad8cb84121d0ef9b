package org.snas4j.application.port.out.data;

import org.snas4j.application.InvalidInputException;

/** Loads a labelled image dataset (train and test sets). */
public interface DatasetSource {

    /**
     * @throws InvalidInputException naming the file and the problem when a file is missing,
     *                               truncated, has a wrong magic number, or labels out of range
     */
    DatasetSplits load(DatasetRequest request);
}
