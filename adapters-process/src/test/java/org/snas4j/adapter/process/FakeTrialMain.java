package org.snas4j.adapter.process;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Stands in for 'snas4j search --output RUN ...' in the local executor's contract test: runs until
 * the file RUN.end appears, prints a line, and exits with the code that file holds.
 */
public final class FakeTrialMain {

    private FakeTrialMain() {
    }

    public static void main(String[] args) throws Exception {
        Path run = Path.of(args[2]);
        Path end = Path.of(run + ".end");
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(end) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        int code = Files.exists(end) ? Integer.parseInt(Files.readString(end).strip()) : 9;
        System.out.println(code == 0 ? "done" : "snas4j: " + run + ": the fake trial failed");
        System.exit(code);
    }
}
