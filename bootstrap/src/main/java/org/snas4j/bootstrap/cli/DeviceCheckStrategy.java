package org.snas4j.bootstrap.cli;

import java.util.Objects;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.service.device.DeviceCheck;
import org.snas4j.bootstrap.console.QuietNativeStartup;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Runs the chosen command after starting TensorFlow for every command that {@link RunsTensorFlow}
 * (its native start-up notices hidden unless {@code --verbose}, see {@link QuietNativeStartup}), and
 * after checking the device of every command that has the {@link DeviceOptions} mixin, directly or
 * inside another mixin: a {@code --device} TensorFlow does not see fails in one line (exit 2) before
 * the command starts, so no run directory is created. One place for every command that runs a network.
 */
public final class DeviceCheckStrategy implements IExecutionStrategy {

    static final String VERBOSE = "--verbose";

    private final DeviceCheck deviceCheck;
    private final Runnable startTensorFlow;
    private final IExecutionStrategy command = new CommandLine.RunLast();

    /**
     * @param startTensorFlow loads TensorFlow and runs a tiny graph, so that its start-up notices are written at once
     */
    public DeviceCheckStrategy(DeviceCheck deviceCheck, Runnable startTensorFlow) {
        this.deviceCheck = Objects.requireNonNull(deviceCheck, "deviceCheck");
        this.startTensorFlow = Objects.requireNonNull(startTensorFlow, "startTensorFlow");
    }

    @Override
    public int execute(ParseResult parseResult) {
        ParseResult chosen = parseResult;
        boolean helpOnly = parseResult.isUsageHelpRequested() || parseResult.isVersionHelpRequested();
        boolean verbose = parseResult.hasMatchedOption(VERBOSE);
        while (chosen.hasSubcommand()) {
            chosen = chosen.subcommand();
            helpOnly |= chosen.isUsageHelpRequested() || chosen.isVersionHelpRequested();
            verbose |= chosen.hasMatchedOption(VERBOSE);
        }
        if (!helpOnly) {
            if (chosen.commandSpec().userObject() instanceof RunsTensorFlow) {
                // Started the same way either way; --verbose lets its notices through.
                QuietNativeStartup.showNotices(verbose);
                QuietNativeStartup.run(startTensorFlow);
            }
            checkDevices(chosen.commandSpec(), chosen.commandSpec().commandLine());
        }
        return command.execute(parseResult);
    }

    /** Mixins nest (search and study take DeviceOptions inside SearchOptions), so every level is looked at. */
    private void checkDevices(CommandSpec spec, CommandLine commandLine) {
        for (CommandSpec mixin : spec.mixins().values()) {
            if (mixin.userObject() instanceof DeviceOptions options) {
                check(options, commandLine);
            }
            checkDevices(mixin, commandLine);
        }
    }

    private void check(DeviceOptions options, CommandLine commandLine) {
        try {
            deviceCheck.requireAvailable(options.device());
        } catch (InvalidInputException e) {
            // The application names its setting; users typed the flag.
            InvalidInputException flagged = DeviceCheck.SETTING.equals(e.source())
                    ? new InvalidInputException("--device", e.problem(), e) : e;
            // picocli hands an ExecutionException's cause to the ErrorHandler: one line, exit code 2.
            throw new ExecutionException(commandLine, flagged.getMessage(), flagged);
        }
    }
}
