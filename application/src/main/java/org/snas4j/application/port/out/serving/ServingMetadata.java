package org.snas4j.application.port.out.serving;

import java.util.List;
import java.util.Objects;
import org.snas4j.application.port.out.data.ImageFit;
import org.snas4j.application.port.out.data.Normalization;

/**
 * What an exported model records about itself besides its graph.
 *
 * @param normalization the per-channel standardisation the network was trained with; the exported
 *                      model applies it itself, so it takes raw pixel values 0..255
 * @param datasetName   the data it was trained on
 * @param genotype      the genotype in words, e.g. a published name or a file
 * @param provenance    one line: seed, code version, data fingerprint
 * @param classNames    the name of every output class, by index (folder names, the published names, or the indices)
 * @param imageFit      how pictures of another size were brought to the input size in training (folder datasets)
 */
public record ServingMetadata(Normalization normalization, String datasetName, String genotype, String provenance,
                              List<String> classNames, ImageFit imageFit) {

    public ServingMetadata {
        Objects.requireNonNull(normalization, "normalization");
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(genotype, "genotype");
        Objects.requireNonNull(provenance, "provenance");
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(imageFit, "imageFit");
    }
}
