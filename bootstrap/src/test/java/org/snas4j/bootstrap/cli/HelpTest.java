package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snas4j.bootstrap.wiring.DaggerSnas4jComponent;

class HelpTest {

    @Test
    void helpListsExactlyTheCommandsThatExist() {
        CommandLineRunner help = CommandLineRunner.run("--help");

        assertEquals(ExitCodes.OK, help.exitCode());
        Set<String> listed = new TreeSet<>();
        String commands = help.out().substring(help.out().indexOf("Commands:"), help.out().indexOf("Exit codes:"));
        Matcher m = Pattern.compile("(?m)^  ([a-z][a-z-]*)\\s{2,}").matcher(commands);
        while (m.find()) {
            listed.add(m.group(1));
        }
        Set<String> registered = new TreeSet<>(DaggerSnas4jComponent.create().commandLine().getSubcommands().keySet());
        assertEquals(registered, listed, help.out());
        for (String command : registered) {
            CommandLineRunner commandHelp = CommandLineRunner.run(command, "--help");
            assertEquals(ExitCodes.OK, commandHelp.exitCode(), command);
            assertTrue(commandHelp.out().startsWith("Usage: snas4j " + command), commandHelp.out());
        }
    }

    @Test
    void noCommandIsAUsageError() {
        CommandLineRunner none = CommandLineRunner.run();

        assertEquals(ExitCodes.INVALID_INPUT, none.exitCode());
        assertTrue(none.err().contains("missing command"), none.err());
    }

    @Test
    void versionNamesTheCode() {
        CommandLineRunner version = CommandLineRunner.run("--version");

        assertEquals(ExitCodes.OK, version.exitCode());
        assertTrue(version.out().startsWith("snas4j 0."), version.out());
    }
}
