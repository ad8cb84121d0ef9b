package org.snas4j.bootstrap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The top-level command: only groups the subcommands that work. */
@Command(name = "snas4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Stochastic Neural Architecture Search (SNAS, ICLR 2019) in Java.",
        subcommands = {SearchCommand.class, TrainCommand.class, StudyCommand.class, EvaluateCommand.class, ExportCommand.class,
            PredictCommand.class, DescribeCommand.class, RenderCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure (I/O error, bug)",
            "2:invalid flag value or unreadable input file",
            "3:training diverged (NaN/infinite loss); the last checkpoint is intact"})
public final class Snas4jCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of " + spec.subcommands().keySet());
    }
}
