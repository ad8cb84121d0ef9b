package org.snas4j.bootstrap.cli;

/** Process exit codes of every snas4j command. */
public final class ExitCodes {

    public static final int OK = 0;
    /** An unexpected failure (I/O error, bug); the message says what. */
    public static final int FAILURE = 1;
    /** Bad input: an invalid flag value or a file that cannot be read as what it claims to be. */
    public static final int INVALID_INPUT = 2;
    /** Training diverged (NaN or infinite loss or gradients); the last checkpoint is intact. */
    public static final int DIVERGED = 3;

    private ExitCodes() {
    }
}
