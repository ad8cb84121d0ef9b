package org.snas4j.bootstrap.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where a command writes when no {@code --output} is given: {@code runs/<kind>-<yyyyMMdd-HHmmss>}, one new directory per start. */
final class DefaultOutput {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private DefaultOutput() {
    }

    /** {@code output} when given, else a new directory for a {@code kind} run (search, train, study) started now. */
    static Path orDefault(Path output, String kind) {
        return output != null ? output : of(kind, LocalDateTime.now());
    }

    static Path of(String kind, LocalDateTime started) {
        return Path.of("runs", kind + "-" + started.format(STAMP));
    }
}
