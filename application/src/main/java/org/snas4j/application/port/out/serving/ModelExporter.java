package org.snas4j.application.port.out.serving;

import java.nio.file.Path;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.ChildNetworkTrainer;

/** Writes a trained child network as a self-contained model for serving. */
public interface ModelExporter {

    /**
     * Builds the inference network of {@code config}, loads the weights saved in
     * {@code variablesDirectory} (by {@link ChildNetworkTrainer#saveVariables}) and writes the model into
     * {@code target}, which must not exist yet; the directory appears complete or not at all.
     *
     * @throws org.snas4j.application.InvalidInputException when the target exists or the variables do not fit
     */
    void export(ChildNetworkConfig config, Path variablesDirectory, ServingMetadata metadata, Path target);
}
