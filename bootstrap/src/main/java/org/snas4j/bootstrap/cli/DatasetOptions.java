package org.snas4j.bootstrap.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.snas4j.application.port.out.data.DatasetRequest;
import picocli.CommandLine.Option;

/** Which dataset to read: the flags shared by the commands that train a network. */
public final class DatasetOptions {

    @Option(names = "--dataset", paramLabel = "NAME", description = "fashion-mnist, fashion-mnist-subset (the bundled subset even where "
            + "the full set is installed), mnist or cifar10 (default: ${DEFAULT-VALUE}).")
    String name = DatasetRequest.bundledDefault().name();

    @Option(names = "--data", paramLabel = "DIR", description = "Directory holding the dataset's files. Default for fashion-mnist: "
            + "/usr/share/datasets/fashion-mnist when present, else the bundled 10,000-image subset.")
    Path directory;

    DatasetRequest request() {
        return new DatasetRequest(name, Optional.ofNullable(directory));
    }

    /** The flags of the settings these options set, as the configurations name them. */
    static Map<String, String> flags() {
        return Map.of(DatasetRequest.NAME_SETTING, "--dataset", DatasetRequest.DIRECTORY_SETTING, "--data");
    }
}
