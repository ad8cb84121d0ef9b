package org.snas4j.application.port.out.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which dataset to load.
 *
 * @param name      {@code fashion-mnist}, {@code fashion-mnist-subset}, {@code mnist}, {@code cifar10} or {@code folder}
 * @param directory where its files are; empty means the default place (for Fashion-MNIST: the
 *                  full set under /usr/share/datasets/fashion-mnist when present, else the bundled subset)
 * @param folder    how a folder of pictures becomes images (only {@code folder} reads it)
 */
public record DatasetRequest(String name, Optional<Path> directory, ImageFolderOptions folder) {

    /** The name of the image-folder source: one sub-folder of pictures per class. */
    public static final String FOLDER = "folder";

    /** How refusals name these two settings of a configuration ({@code InvalidSettingException}): the fields of its {@code dataset}. */
    public static final String NAME_SETTING = "dataset.name";
    public static final String DIRECTORY_SETTING = "dataset.directory";

    public DatasetRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(folder, "folder");
    }

    /** A dataset that is not a folder of pictures. */
    public DatasetRequest(String name, Optional<Path> directory) {
        this(name, directory, ImageFolderOptions.DEFAULTS);
    }

    public boolean isFolder() {
        return FOLDER.equals(name);
    }

    public static DatasetRequest bundledDefault() {
        return new DatasetRequest("fashion-mnist", Optional.empty());
    }
}
