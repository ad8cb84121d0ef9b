package org.snas4j.bootstrap.cli;

import java.io.UncheckedIOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.TrainingDivergedException;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Turns failures into one line on stderr and an exit code: users see what is wrong with which file or
 * flag, not a stack trace. The stack trace goes to the debug log. A refused setting is named by the
 * flag that set it when the command says which ({@link SettingFlags}); one read from a run directory
 * being resumed is named with its file, as the application reports it.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandler.class);

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        LOG.debug("command failed", exception);
        String message;
        int code;
        if (exception instanceof InvalidSettingException setting && setting.storedIn().isEmpty()) {
            // The value came from this command line: name the flag that set it, when the command has one.
            message = flagOf(commandLine, setting.setting()).map(flag -> flag + ": " + setting.settingProblem())
                    .orElse(setting.getMessage());
            code = ExitCodes.INVALID_INPUT;
        } else if (exception instanceof InvalidInputException || exception instanceof IllegalArgumentException) {
            message = exception.getMessage();
            code = ExitCodes.INVALID_INPUT;
        } else if (exception instanceof TrainingDivergedException) {
            message = exception.getMessage();
            code = ExitCodes.DIVERGED;
        } else if (exception instanceof UncheckedIOException io) {
            message = io.getMessage();
            code = ExitCodes.FAILURE;
        } else {
            message = exception.getClass().getSimpleName() + (exception.getMessage() == null ? "" : ": " + exception.getMessage());
            code = ExitCodes.FAILURE;
        }
        commandLine.getErr().println(commandLine.getColorScheme().errorText("snas4j: " + message));
        commandLine.getErr().flush();
        return code;
    }

    private static Optional<String> flagOf(CommandLine commandLine, String setting) {
        return commandLine.getCommand() instanceof SettingFlags flags ? flags.flagOf(setting) : Optional.empty();
    }
}
