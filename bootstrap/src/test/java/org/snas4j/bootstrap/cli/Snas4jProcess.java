package org.snas4j.bootstrap.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.snas4j.bootstrap.Main;

/** snas4j in a JVM of its own, for the tests that kill it. */
final class Snas4jProcess {

    private Snas4jProcess() {
    }

    /** Starts {@code snas4j args} in a new JVM on this test's class path; its output replaces {@code log}'s content (discarded when null). */
    static Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()))
                .directory(new File(".")).start();
    }
}
