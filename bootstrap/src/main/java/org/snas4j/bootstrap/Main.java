package org.snas4j.bootstrap;

import java.io.PrintWriter;
import org.snas4j.bootstrap.wiring.DaggerSnas4jComponent;
import picocli.CommandLine;

/** Entry point of the executable jar. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(mainWithExitCode(args));
    }

    /** Runs one command and returns its exit code (tests call this instead of {@link #main}). */
    public static int mainWithExitCode(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs one command writing its output and errors to the given writers. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = DaggerSnas4jComponent.create().commandLine();
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }
}
