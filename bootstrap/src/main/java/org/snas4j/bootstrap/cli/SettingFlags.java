package org.snas4j.bootstrap.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which flag sets which setting of a command's configuration. The application refuses a setting by
 * the name its configuration gives it ({@code org.snas4j.application.InvalidSettingException}); when
 * the value came from the command line, the {@link ErrorHandler} names the flag the user typed instead.
 */
public interface SettingFlags {

    /** The flag that sets {@code setting} (e.g. {@code batchSize} or {@code retrain.layers}), if this command has one. */
    Optional<String> flagOf(String setting);

    /**
     * The settings search and train both have, under the same flags: the data, the network's size, the
     * training budget, the seed and where it runs.
     */
    static Map<String, String> ofEveryTrainingRun() {
        Map<String, String> flags = new HashMap<>(Map.of("layers", "--layers", "channels", "--channels", "batchSize", "--batch",
                "epochs", "--epochs", "trainLimit", "--train-limit", "validationFraction", "--validation-fraction", "seed", "--seed",
                "dropPath", "--drop-path", "learningRate", "--learning-rate"));
        flags.putAll(DatasetOptions.flags());
        flags.putAll(DeviceOptions.flags());
        return flags;
    }

    /** A lookup in a fixed table, setting -> flag. */
    static SettingFlags of(Map<String, String> flags) {
        return setting -> Optional.ofNullable(flags.get(setting));
    }
}
