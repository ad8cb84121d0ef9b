package org.snas4j.adapter.storage.retrain;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeMap;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.application.InvalidInputException;

/**
 * A {@code key=value} file (java.util.Properties, UTF-8, keys sorted) written atomically, read back
 * with typed getters that refuse missing or malformed values naming the file and the key. Doubles
 * are written with {@link Double#toString}, which reads back to the same double.
 */
final class RunProperties {

    private final Path file;
    private final Properties values;

    private RunProperties(Path file, Properties values) {
        this.file = file;
        this.values = values;
    }

    static RunProperties empty(Path file) {
        return new RunProperties(file, new Properties());
    }

    static RunProperties read(Path file) {
        try {
            return parse(file, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "is missing");
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** The values in {@code content}; {@code file} names where they came from in error messages. */
    static RunProperties parse(Path file, byte[] content) {
        Properties values = new Properties();
        try {
            values.load(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidInputException(file, "cannot be read: " + e.getMessage(), e);
        }
        return new RunProperties(file, values);
    }

    void write() {
        AtomicFiles.write(file, toBytes());
    }

    /** The file's content: one {@code key=value} line per key, sorted, no date comment. */
    byte[] toBytes() {
        TreeMap<String, String> sorted = new TreeMap<>();
        values.stringPropertyNames().forEach(key -> sorted.put(key, values.getProperty(key)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStreamWriter writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            for (var entry : sorted.entrySet()) {
                Properties single = new Properties();
                single.setProperty(entry.getKey(), entry.getValue());
                java.io.StringWriter line = new java.io.StringWriter();
                single.store(line, null);
                // store() begins with a date comment; keep only the key=value line.
                line.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> {
                    try {
                        writer.write(l);
                        writer.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    RunProperties put(String key, Object value) {
        values.setProperty(key, String.valueOf(value));
        return this;
    }

    boolean has(String key) {
        return values.getProperty(key) != null;
    }

    String string(String key) {
        String value = values.getProperty(key);
        if (value == null) {
            throw new InvalidInputException(file, "has no '" + key + "'");
        }
        return value;
    }

    int integer(String key) {
        try {
            return Integer.parseInt(string(key).trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file, "'" + key + "' is not an integer: " + string(key));
        }
    }

    long longValue(String key) {
        try {
            return Long.parseLong(string(key).trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file, "'" + key + "' is not an integer: " + string(key));
        }
    }

    double decimal(String key) {
        try {
            return Double.parseDouble(string(key).trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(file, "'" + key + "' is not a number: " + string(key));
        }
    }

    boolean bool(String key) {
        String value = string(key).trim();
        if (!value.equals("true") && !value.equals("false")) {
            throw new InvalidInputException(file, "'" + key + "' is not true or false: " + value);
        }
        return Boolean.parseBoolean(value);
    }

    Path file() {
        return file;
    }
}
