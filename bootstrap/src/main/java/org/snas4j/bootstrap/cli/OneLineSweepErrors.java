package org.snas4j.bootstrap.cli;

import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * A sweep's parse error (an unknown flag in its grid, a value of the wrong type) in one line and exit
 * code 2, instead of the error followed by the whole usage: a sweep has some sixty flags. Other
 * commands keep picocli's handling.
 */
public final class OneLineSweepErrors implements IParameterExceptionHandler {

    private final IParameterExceptionHandler others;

    public OneLineSweepErrors(IParameterExceptionHandler others) {
        this.others = Objects.requireNonNull(others, "others");
    }

    @Override
    public int handleParseException(ParameterException exception, String[] args) throws Exception {
        CommandLine commandLine = exception.getCommandLine();
        if (!"sweep".equals(commandLine.getCommandName())) {
            return others.handleParseException(exception, args);
        }
        commandLine.getErr().println(commandLine.getColorScheme().errorText("snas4j: " + exception.getMessage()
                + " (a sweep takes the flags of 'search'; see 'snas4j sweep --help')"));
        commandLine.getErr().flush();
        return ExitCodes.INVALID_INPUT;
    }
}
