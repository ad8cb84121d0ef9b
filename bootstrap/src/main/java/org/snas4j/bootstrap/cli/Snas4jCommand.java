package org.snas4j.bootstrap.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level command: only groups the subcommands that work (registered in the wiring's CommandModule). */
@Command(name = "snas4j",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Stochastic Neural Architecture Search (SNAS, ICLR 2019) in Java.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure (I/O error, bug)",
            "2:invalid flag value or unreadable input file",
            "3:training diverged (NaN/infinite loss); the last checkpoint is intact"})
public final class Snas4jCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** Read by {@link DeviceCheckStrategy} from the parse result, at whatever level it was given. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Also show TensorFlow's native start-up messages (oneDNN, CPU features, absl, MLIR), hidden by default.")
    boolean verbose;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of " + spec.subcommands().keySet());
    }
}
