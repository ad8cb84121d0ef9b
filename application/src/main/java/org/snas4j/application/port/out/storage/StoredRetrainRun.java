package org.snas4j.application.port.out.storage;

import java.util.Objects;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.out.data.Normalization;
import org.snas4j.domain.space.NetworkShape;

/**
 * What a retraining run directory records when the run starts.
 *
 * @param shape         the network's shape (cells, channels, and the images' size, channels and classes)
 * @param normalization the per-channel statistics of the images the network is trained on (needed to
 *                      evaluate, export and serve it exactly as it was trained)
 */
public record StoredRetrainRun(RetrainConfiguration configuration, Provenance provenance, NetworkShape shape,
                               Normalization normalization) {

    public StoredRetrainRun {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(normalization, "normalization");
    }
}
