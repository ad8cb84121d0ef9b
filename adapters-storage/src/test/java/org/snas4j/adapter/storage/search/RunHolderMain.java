package org.snas4j.adapter.storage.search;

import java.io.IOException;
import java.nio.file.Path;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.storage.RunDirectory;

/**
 * Run in a child JVM by {@link FileRunDirectoryFactoryTest}. Arguments: the run directory and a mode:
 * {@code hold} creates the run, prints "HOLDING dir" and keeps it open until standard input ends;
 * {@code probe} tries to resume it and prints "OPENED" or "REFUSED problem".
 */
public final class RunHolderMain {

    private RunHolderMain() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        if (args[1].equals("probe")) {
            try (RunDirectory run = new FileRunDirectoryFactory().resume(directory)) {
                System.out.println("OPENED " + run.path());
            } catch (InvalidInputException e) {
                System.out.println("REFUSED " + e.problem());
            }
            return;
        }
        try (RunDirectory run = new FileRunDirectoryFactory().create(directory)) {
            System.out.println("HOLDING " + run.path());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
        System.out.println("RELEASED");
    }
}
