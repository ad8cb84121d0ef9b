package org.snas4j.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.snas4j.application.device.DeviceCheck;
import org.snas4j.bootstrap.cli.DescribeCommand;
import org.snas4j.bootstrap.cli.DeviceCheckStrategy;
import org.snas4j.bootstrap.cli.ErrorHandler;
import org.snas4j.bootstrap.cli.EvaluateCommand;
import org.snas4j.bootstrap.cli.ExportCommand;
import org.snas4j.bootstrap.cli.PredictCommand;
import org.snas4j.bootstrap.cli.TrainCommand;
import org.snas4j.bootstrap.cli.RenderCommand;
import org.snas4j.bootstrap.cli.SearchCommand;
import org.snas4j.bootstrap.cli.Snas4jCommand;
import org.snas4j.bootstrap.cli.StudyCommand;
import picocli.CommandLine;

/** Builds picocli's command line so that subcommands come from Dagger (constructor injection). */
@Module
public interface CommandModule {

    @Provides
    @Singleton
    static CommandLine commandLine(Provider<SearchCommand> search, Provider<DescribeCommand> describe,
                                   Provider<RenderCommand> render, Provider<TrainCommand> train, Provider<EvaluateCommand> evaluate,
                                   Provider<ExportCommand> export, Provider<PredictCommand> predict,
                                   Provider<StudyCommand> study, DeviceCheck deviceCheck) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                if (type == SearchCommand.class) {
                    return type.cast(search.get());
                }
                if (type == DescribeCommand.class) {
                    return type.cast(describe.get());
                }
                if (type == RenderCommand.class) {
                    return type.cast(render.get());
                }
                if (type == TrainCommand.class) {
                    return type.cast(train.get());
                }
                if (type == EvaluateCommand.class) {
                    return type.cast(evaluate.get());
                }
                if (type == ExportCommand.class) {
                    return type.cast(export.get());
                }
                if (type == PredictCommand.class) {
                    return type.cast(predict.get());
                }
                if (type == StudyCommand.class) {
                    return type.cast(study.get());
                }
                return defaults.create(type);
            }
        };
        return new CommandLine(new Snas4jCommand(), factory)
                .setExecutionStrategy(new DeviceCheckStrategy(deviceCheck))
                .setExecutionExceptionHandler(new ErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
