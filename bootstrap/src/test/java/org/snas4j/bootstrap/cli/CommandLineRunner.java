package org.snas4j.bootstrap.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.snas4j.bootstrap.Main;
import org.snas4j.bootstrap.wiring.DaggerSnas4jComponent;
import picocli.CommandLine;

/** Runs snas4j in-process and captures what it prints. */
record CommandLineRunner(int exitCode, String out, String err) {

    static CommandLineRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CommandLineRunner(code, out.toString(), err.toString());
    }

    /** The subcommand's object after parsing {@code command args} as the application wires it, without running it. */
    static Object parsed(String command, String... args) {
        CommandLine commands = DaggerSnas4jComponent.create().commandLine();
        String[] line = new String[args.length + 1];
        line[0] = command;
        System.arraycopy(args, 0, line, 1, args.length);
        commands.parseArgs(line);
        return commands.getSubcommands().get(command).getCommand();
    }
}
