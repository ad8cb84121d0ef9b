package org.snas4j.bootstrap.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.snas4j.bootstrap.Main;

/** Runs snas4j in-process and captures what it prints. */
record CommandLineRunner(int exitCode, String out, String err) {

    static CommandLineRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandLineRunner(code, out.toString(), err.toString());
    }
}
