package org.snas4j.application.port.in.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.search.SearchConfiguration;

/**
 * A sweep's grid, expanded: every combination of the axes' values is one trial.
 *
 * @param axes            search flags given several values, in the order given
 * @param commonArguments search arguments every trial shares (flags given one value)
 * @param trials          the grid's points, the first axis varying slowest
 */
public record SweepPlan(List<Axis> axes, List<String> commonArguments, List<Trial> trials) {

    /** Longest trial name: it is a directory name, and a short one reads better in tables. */
    static final int NAME_LENGTH = 64;

    public SweepPlan {
        axes = List.copyOf(axes);
        commonArguments = List.copyOf(commonArguments);
        trials = List.copyOf(trials);
    }

    /** One axis: a search flag ({@code --seed}) and its values, as typed. */
    public record Axis(String flag, List<String> values) {
        public Axis {
            Objects.requireNonNull(flag, "flag");
            values = List.copyOf(values);
        }
    }

    /**
     * One point of the grid.
     *
     * @param name            {@code NNN-flag-value-...}, also its run directory's name
     * @param assignment      flag to value, one per axis
     * @param searchArguments the common arguments followed by this point's flags and values
     * @param configuration   what those arguments configure
     */
    public record Trial(String name, Map<String, String> assignment, List<String> searchArguments, SearchConfiguration configuration) {
        public Trial {
            Objects.requireNonNull(name, "name");
            assignment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(assignment));
            searchArguments = List.copyOf(searchArguments);
            Objects.requireNonNull(configuration, "configuration");
        }
    }

    /**
     * Expands the grid: every combination of the axes' values, each parsed by {@code parse} (which
     * refuses a bad value naming its flag).
     *
     * @throws InvalidInputException naming the flag of an axis without values or with a value twice
     */
    public static SweepPlan expand(List<Axis> axes, List<String> commonArguments, Function<List<String>, SearchConfiguration> parse) {
        for (Axis axis : axes) {
            if (axis.values().isEmpty() || axis.values().stream().anyMatch(String::isBlank)) {
                throw new InvalidInputException(axis.flag(), "has an empty value in its list " + axis.values()
                        + "; give one value, or several separated by commas");
            }
            if (axis.values().stream().distinct().count() < axis.values().size()) {
                throw new InvalidInputException(axis.flag(), "names a value twice in " + axis.values() + "; two trials would be the same");
            }
        }
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Axis axis : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> point : points) {
                for (String value : axis.values()) {
                    Map<String, String> extended = new LinkedHashMap<>(point);
                    extended.put(axis.flag(), value);
                    next.add(extended);
                }
            }
            points = next;
        }
        List<Trial> trials = new ArrayList<>();
        int digits = Math.max(3, Integer.toString(points.size()).length());
        for (int i = 0; i < points.size(); i++) {
            Map<String, String> point = points.get(i);
            List<String> arguments = new ArrayList<>(commonArguments);
            point.forEach((flag, value) -> {
                arguments.add(flag);
                arguments.add(value);
            });
            trials.add(new Trial(name(i + 1, digits, point), point, arguments, parse.apply(arguments)));
        }
        return new SweepPlan(axes, commonArguments, trials);
    }

    /** {@code 001-seed-1-constraint-mild}: the index keeps names unique, the rest says what the trial is. */
    static String name(int index, int digits, Map<String, String> point) {
        StringBuilder name = new StringBuilder(String.format(Locale.ROOT, "%0" + digits + "d", index));
        point.forEach((flag, value) -> name.append('-').append(flag.replaceFirst("^-+", "")).append('-').append(value));
        String safe = name.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_");
        return safe.length() <= NAME_LENGTH ? safe : safe.substring(0, NAME_LENGTH);
    }
}
