package org.snas4j.bootstrap;

import org.snas4j.bootstrap.wiring.DaggerSnas4jComponent;

/** Entry point of the executable jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(mainWithExitCode(args));
    }

    /** Runs one command and returns its exit code (tests call this instead of {@link #main}). */
    public static int mainWithExitCode(String... args) {
        return DaggerSnas4jComponent.create().commandLine().execute(args);
    }
}
