package org.snas4j.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.util.List;
import org.snas4j.application.device.DeviceCheck;
import org.snas4j.bootstrap.cli.DescribeCommand;
import org.snas4j.bootstrap.cli.DeviceCheckStrategy;
import org.snas4j.bootstrap.cli.ErrorHandler;
import org.snas4j.bootstrap.cli.EvaluateCommand;
import org.snas4j.bootstrap.cli.ExportCommand;
import org.snas4j.bootstrap.cli.PredictCommand;
import org.snas4j.bootstrap.cli.RenderCommand;
import org.snas4j.bootstrap.cli.SearchCommand;
import org.snas4j.bootstrap.cli.Snas4jCommand;
import org.snas4j.bootstrap.cli.StudyCommand;
import org.snas4j.bootstrap.cli.SweepCommand;
import org.snas4j.bootstrap.cli.OneLineSweepErrors;
import org.snas4j.bootstrap.cli.TrainCommand;
import picocli.CommandLine;

/**
 * Builds picocli's command line from subcommand instances that Dagger constructed (constructor
 * injection), registered with {@code addSubcommand} in the order the help lists them.
 */
@Module
public interface CommandModule {

    @Provides
    @Singleton
    static CommandLine commandLine(SearchCommand search, TrainCommand train, StudyCommand study, SweepCommand sweep, EvaluateCommand evaluate,
                                   ExportCommand export, PredictCommand predict, DescribeCommand describe, RenderCommand render,
                                   DeviceCheck deviceCheck) {
        CommandLine commandLine = new CommandLine(new Snas4jCommand());
        for (Object subcommand : List.of(search, train, study)) {
            commandLine.addSubcommand(subcommand);
        }
        // The sweep takes every search flag as a list: added to its command once it is registered.
        sweep.register(commandLine);
        for (Object subcommand : List.of(evaluate, export, predict, describe, render)) {
            commandLine.addSubcommand(subcommand);
        }
        commandLine.setParameterExceptionHandler(new OneLineSweepErrors(commandLine.getParameterExceptionHandler()));
        // Set after the subcommands are added: picocli applies these to the subcommands present.
        return commandLine
                .setExecutionStrategy(new DeviceCheckStrategy(deviceCheck))
                .setExecutionExceptionHandler(new ErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
