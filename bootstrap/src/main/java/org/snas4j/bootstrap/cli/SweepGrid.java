package org.snas4j.bootstrap.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.sweep.SweepPlan;
import org.snas4j.application.search.SearchConfiguration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every flag of 'search' as a flag of 'sweep' that takes one value or a comma-separated list; a list
 * is an axis of the grid. Taken from {@link SearchOptions} itself, so a search flag added later is a
 * sweep flag too. Each trial's arguments are parsed by the same options 'search' uses, so a value
 * 'search' would refuse is refused here, naming its flag, before anything runs.
 */
final class SweepGrid {

    /** Where a trial runs, not what it searches: the sweep's own flags, never axes. */
    static final Set<String> PLACEMENT = Set.of("--device", "--threads");
    /** {@code --seed 1..4}: a range of seeds. */
    private static final Pattern RANGE = Pattern.compile("(-?\\d+)\\.\\.(-?\\d+)");
    private static final int MAX_RANGE = 10_000;

    private final List<OptionSpec> flags = new ArrayList<>();

    /** Adds the search flags to the sweep's command. */
    void addTo(CommandSpec sweep) {
        for (OptionSpec original : CommandSpec.forAnnotatedObject(new TrialArguments()).options()) {
            if (PLACEMENT.contains(original.longestName()) || original.usageHelp() || original.versionHelp()) {
                continue;
            }
            String defaultValue = String.valueOf(original.defaultValueString());
            String[] description = original.description().clone();
            for (int i = 0; i < description.length; i++) {
                description[i] = description[i].replace("${DEFAULT-VALUE}", defaultValue);
            }
            OptionSpec flag = OptionSpec.builder(original.names()).type(String.class).arity("1")
                    .paramLabel((original.paramLabel().startsWith("<") ? "V" : original.paramLabel()) + "[,...]").description(description).build();
            sweep.addOption(flag);
            flags.add(flag);
        }
    }

    /** The search flags given on this command line. */
    List<OptionSpec> given(ParseResult parseResult) {
        return flags.stream().filter(parseResult::hasMatchedOption).toList();
    }

    /**
     * The grid the given flags describe: a flag with several values is an axis, one with a single
     * value an argument of every trial; {@code placement} (e.g. {@code --device gpu}) is added to every trial.
     */
    SweepPlan plan(ParseResult parseResult, List<String> placement) {
        List<SweepPlan.Axis> axes = new ArrayList<>();
        List<String> common = new ArrayList<>();
        for (OptionSpec flag : given(parseResult)) {
            String name = flag.longestName();
            List<String> values = values(name, flag.getValue());
            if (values.size() == 1) {
                common.add(name);
                common.add(values.get(0));
            } else {
                axes.add(new SweepPlan.Axis(name, values));
            }
        }
        common.addAll(placement);
        return SweepPlan.expand(axes, common, SweepGrid::configuration);
    }

    private static List<String> values(String flag, String typed) {
        List<String> values = new ArrayList<>();
        for (String part : typed.split(",", -1)) {
            String value = part.strip();
            Matcher range = RANGE.matcher(value);
            if (flag.equals("--seed") && range.matches()) {
                long from = Long.parseLong(range.group(1));
                long to = Long.parseLong(range.group(2));
                if (to < from || to - from >= MAX_RANGE) {
                    throw new InvalidInputException(flag, "range " + value + " must run upwards over at most " + MAX_RANGE + " seeds");
                }
                for (long seed = from; seed <= to; seed++) {
                    values.add(Long.toString(seed));
                }
            } else if (value.isEmpty()) {
                throw new InvalidInputException(flag, "has an empty value in '" + typed + "'; give one value, or several separated by commas");
            } else {
                values.add(value);
            }
        }
        return values;
    }

    /** One trial's arguments, parsed as 'search' parses them. */
    static SearchConfiguration configuration(List<String> arguments) {
        TrialArguments trial = new TrialArguments();
        try {
            new CommandLine(trial).parseArgs(arguments.toArray(String[]::new));
        } catch (ParameterException e) {
            String flag = e.getArgSpec() instanceof OptionSpec option ? option.longestName() : "sweep";
            throw new InvalidInputException(flag, e.getMessage());
        }
        return trial.options.configuration();
    }

    /** The search flags alone, as one trial's 'search' takes them. */
    @Command(name = "search")
    static final class TrialArguments {
        @Mixin
        SearchOptions options = new SearchOptions();
    }
}
