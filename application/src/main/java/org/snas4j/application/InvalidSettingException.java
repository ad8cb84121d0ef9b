package org.snas4j.application;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A setting no run can use, named as the configuration names it ({@code architectureLearningRate},
 * {@code retrain.layers}), never as a flag: the same configuration comes from a command line or from
 * a run directory being resumed. The command line maps the setting to the flag the user typed; a
 * stored one is reported with its file ({@link #storedIn}).
 */
public class InvalidSettingException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String settingProblem;
    private final transient Path storedIn;

    /**
     * @param setting the configuration field at fault, e.g. {@code batchSize}
     * @param problem what is wrong with its value, e.g. "must be positive, got 0"
     */
    public InvalidSettingException(String setting, String problem) {
        this(setting, problem, null, null);
    }

    private InvalidSettingException(String setting, String problem, Path storedIn, Throwable cause) {
        super(storedIn == null ? setting : storedIn.toString(), storedIn == null ? problem : setting + " " + problem, cause);
        this.setting = Objects.requireNonNull(setting, "setting");
        this.settingProblem = problem;
        this.storedIn = storedIn;
    }

    /**
     * Runs {@code use}, which checks or uses settings read back from {@code file}: a refusal of one of
     * them names the file, as the user typed none of them.
     */
    public static <T> T whileUsingStored(Path file, Supplier<T> use) {
        try {
            return use.get();
        } catch (InvalidSettingException e) {
            throw e.storedIn(file);
        }
    }

    /** The same refusal with {@code note} after the problem, e.g. which of several configurations it is in. */
    public InvalidSettingException withNote(String note) {
        return new InvalidSettingException(setting, settingProblem + note, storedIn, this);
    }

    /** The configuration field at fault; a nested one is prefixed with its record, e.g. {@code retrain.layers}. */
    public String setting() {
        return setting;
    }

    /** What is wrong with the value, without the setting's name. */
    public String settingProblem() {
        return settingProblem;
    }

    /** The file the setting was read from; empty when it came from the caller (a command line). */
    public Optional<Path> storedIn() {
        return Optional.ofNullable(storedIn);
    }

    /** The same refusal for a setting read from {@code file} (a resumed run's configuration): the message names the file. */
    public InvalidSettingException storedIn(Path file) {
        return new InvalidSettingException(setting, settingProblem, Objects.requireNonNull(file, "file"), this);
    }

    /**
     * The same refusal for a setting of a nested configuration, e.g. {@code within("retrain")} turns
     * {@code layers} into {@code retrain.layers}. A stored setting is left as it is: its file names it.
     */
    public InvalidSettingException within(String prefix) {
        return storedIn != null ? this : new InvalidSettingException(prefix + "." + setting, settingProblem, null, this);
    }
}
