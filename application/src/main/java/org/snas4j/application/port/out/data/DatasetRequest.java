package org.snas4j.application.port.out.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which dataset to load.
 *
 * @param name      {@code fashion-mnist}, {@code mnist} or {@code cifar10}
 * @param directory where its files are; empty means the default place (for Fashion-MNIST: the
 *                  full set under /usr/share/datasets/fashion-mnist when present, else the bundled subset)
 */
public record DatasetRequest(String name, Optional<Path> directory) {

    /** How refusals name these two settings of a configuration ({@code InvalidSettingException}): the fields of its {@code dataset}. */
    public static final String NAME_SETTING = "dataset.name";
    public static final String DIRECTORY_SETTING = "dataset.directory";

    public DatasetRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
    }

    public static DatasetRequest bundledDefault() {
        return new DatasetRequest("fashion-mnist", Optional.empty());
    }
}
