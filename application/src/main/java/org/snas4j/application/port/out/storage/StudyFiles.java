package org.snas4j.application.port.out.storage;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The study's own files (its settings and its reports), each written atomically. */
public interface StudyFiles {

    /** The file in a study's directory that records its settings; a directory holding it is a study. */
    String SETTINGS_FILE = "study.properties";

    /** True when {@code directory} does not exist or is an empty directory. */
    boolean isAbsentOrEmpty(Path directory);

    /**
     * The settings recorded in {@code file}; empty when there is no such file.
     *
     * @throws org.snas4j.application.InvalidInputException naming the file when it cannot be read
     */
    Optional<Map<String, String>> readSettings(Path file);

    /** Records {@code settings} in {@code file}, creating its directory. */
    void writeSettings(Path file, Map<String, String> settings);

    /** Writes a UTF-8 text file (a table, a CSV). */
    void writeText(Path file, String content);
}
