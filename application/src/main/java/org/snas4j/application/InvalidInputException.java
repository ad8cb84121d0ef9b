package org.snas4j.application;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Input that snas4j refuses: a file that is truncated, garbled or inconsistent, or a setting out of
 * range. The message is one line naming the source and the problem; the command line turns it into
 * exit code 2 without a stack trace.
 */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String problem;

    public InvalidInputException(String source, String problem) {
        this(source, problem, null);
    }

    public InvalidInputException(String source, String problem, Throwable cause) {
        super(Objects.requireNonNull(source, "source") + ": " + Objects.requireNonNull(problem, "problem"), cause);
        this.source = source;
        this.problem = problem;
    }

    public InvalidInputException(Path file, String problem) {
        this(file.toString(), problem, null);
    }

    public InvalidInputException(Path file, String problem, Throwable cause) {
        this(file.toString(), problem, cause);
    }

    /** The file, flag or setting at fault. */
    public String source() {
        return source;
    }

    /** What is wrong with it. */
    public String problem() {
        return problem;
    }
}
