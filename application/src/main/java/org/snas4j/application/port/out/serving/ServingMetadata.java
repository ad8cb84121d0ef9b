package org.snas4j.application.port.out.serving;

import java.util.Objects;
import org.snas4j.application.port.out.data.Normalization;

/**
 * What an exported model records about itself besides its graph.
 *
 * @param normalization the per-channel standardisation the network was trained with; the exported
 *                      model applies it itself, so it takes raw pixel values 0..255
 * @param datasetName   the data it was trained on
 * @param genotype      the genotype in words, e.g. a published name or a file
 * @param provenance    one line: seed, code version, data fingerprint
 */
public record ServingMetadata(Normalization normalization, String datasetName, String genotype, String provenance) {

    public ServingMetadata {
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(genotype, "genotype");
        Objects.requireNonNull(provenance, "provenance");
    }
}
