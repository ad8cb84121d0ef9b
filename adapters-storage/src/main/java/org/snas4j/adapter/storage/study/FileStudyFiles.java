package org.snas4j.adapter.storage.study;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.adapter.storage.io.Directories;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.StudyFiles;

/**
 * A study's files on the local file system, each written atomically. Settings are a
 * {@code java.util.Properties} file in UTF-8, one {@code key=value} line per setting, keys sorted,
 * so that two studies' settings can be compared with diff.
 */
public final class FileStudyFiles implements StudyFiles {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._-]+");

    @Override
    public boolean isAbsentOrEmpty(Path directory) {
        return Directories.isAbsentOrEmpty(directory);
    }

    @Override
    public Optional<Map<String, String>> readSettings(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(file, "cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        return Optional.of(settings);
    }

    @Override
    public void writeSettings(Path file, Map<String, String> settings) {
        StringBuilder content = new StringBuilder("# snas4j study settings: a study continues only with these\n");
        new TreeMap<>(settings).forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("setting name '" + key + "' must be letters, digits, '.', '_' or '-'");
            }
            content.append(key).append('=').append(escaped(Objects.requireNonNull(value, key))).append('\n');
        });
        writeText(file, content.toString());
    }

    @Override
    public void writeText(Path file, String content) {
        AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A value as {@link Properties#load(Reader)} reads it back: backslashes, line breaks and a leading blank escaped. */
    private static String escaped(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
