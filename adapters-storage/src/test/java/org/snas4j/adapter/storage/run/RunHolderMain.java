package org.snas4j.adapter.storage.run;

import java.io.IOException;
import java.nio.file.Path;
import org.snas4j.application.port.out.RunDirectory;

/**
 * Run in a child JVM by {@link FileRunDirectoryFactoryTest}: creates the run given as argument,
 * prints "HOLDING", and keeps it open until its standard input ends.
 */
public final class RunHolderMain {

    private RunHolderMain() {
    }

    public static void main(String[] args) throws IOException {
        try (RunDirectory run = new FileRunDirectoryFactory().create(Path.of(args[0]))) {
            System.out.println("HOLDING " + run.path());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our input
            }
        }
        System.out.println("RELEASED");
    }
}
