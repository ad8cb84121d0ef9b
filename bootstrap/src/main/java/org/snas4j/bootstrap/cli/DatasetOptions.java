package org.snas4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.data.ImageFolderOptions;
import picocli.CommandLine.Option;

/** Which dataset to read: the flags shared by the commands that train a network. */
public final class DatasetOptions {

    @Option(names = "--dataset", paramLabel = "NAME", description = "fashion-mnist, fashion-mnist-subset (the bundled subset even where "
            + "the full set is installed), mnist, cifar10 or folder (your pictures: --data DIR with one sub-folder per class) "
            + "(default: ${DEFAULT-VALUE}).")
    String name = DatasetRequest.bundledDefault().name();

    @Option(names = "--data", paramLabel = "DIR", description = "Directory holding the dataset's files. Default for fashion-mnist: "
            + "/usr/share/datasets/fashion-mnist when present, else the bundled 10,000-image subset.")
    Path directory;

    /** The dataset these flags name; {@code folder} says how a folder of pictures becomes images (unused by the other datasets). */
    DatasetRequest request(ImageFolderOptions folder) {
        return new DatasetRequest(name, Optional.ofNullable(directory), folder);
    }

    /** The flags of the settings these options set, as the configurations name them. */
    static Map<String, String> flags() {
        Map<String, String> flags = new HashMap<>(ImageFolderFlags.flags());
        flags.put(DatasetRequest.NAME_SETTING, "--dataset");
        flags.put(DatasetRequest.DIRECTORY_SETTING, "--data");
        return flags;
    }
}
