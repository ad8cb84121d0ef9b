package org.snas4j.application.port.in.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.search.SearchConfiguration;

class SweepPlanTest {

    private final List<List<String>> parsed = new ArrayList<>();

    private SearchConfiguration parse(List<String> arguments) {
        parsed.add(arguments);
        int seed = arguments.indexOf("--seed");
        return SearchConfiguration.builder().seed(seed < 0 ? 1 : Long.parseLong(arguments.get(seed + 1))).build();
    }

    @Test
    void everyCombinationOfTheAxesIsOneTrialTheFirstAxisSlowest() {
        SweepPlan plan = SweepPlan.expand(List.of(new SweepPlan.Axis("--seed", List.of("1", "2")),
                new SweepPlan.Axis("--constraint", List.of("mild", "moderate", "aggressive"))), List.of("--epochs", "3"), this::parse);

        assertEquals(6, plan.trials().size());
        assertEquals("001-seed-1-constraint-mild", plan.trials().get(0).name());
        assertEquals("006-seed-2-constraint-aggressive", plan.trials().get(5).name());
        assertEquals(List.of("--epochs", "3", "--seed", "2", "--constraint", "moderate"), plan.trials().get(4).searchArguments());
        assertEquals(Map.of("--seed", "2", "--constraint", "moderate"), plan.trials().get(4).assignment());
        assertEquals(2, plan.trials().get(4).configuration().seed(), "each trial's configuration is its arguments parsed");
        assertEquals(6, parsed.size());
    }

    @Test
    void noAxisIsOneTrialOfTheCommonArguments() {
        SweepPlan plan = SweepPlan.expand(List.of(), List.of("--seed", "4"), this::parse);

        assertEquals(1, plan.trials().size());
        assertEquals("001", plan.trials().get(0).name());
        assertEquals(4, plan.trials().get(0).configuration().seed());
    }

    @Test
    void namesAreSafeDirectoryNamesAndShort() {
        String name = SweepPlan.name(7, 3, Map.of("--data", "/some dir/with:odd*chars" + "x".repeat(80)));

        assertTrue(name.matches("007-data-[a-z0-9._-]+"), name);
        assertTrue(name.length() <= SweepPlan.NAME_LENGTH, name);
    }

    @Test
    void refusesAnEmptyValueOrAValueTwiceNamingTheFlag() {
        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> SweepPlan.expand(List.of(new SweepPlan.Axis("--seed", List.of("1", " "))), List.of(), this::parse));
        assertEquals("--seed", empty.source());
        InvalidInputException none = assertThrows(InvalidInputException.class,
                () -> SweepPlan.expand(List.of(new SweepPlan.Axis("--epochs", List.of())), List.of(), this::parse));
        assertEquals("--epochs", none.source());
        InvalidInputException twice = assertThrows(InvalidInputException.class,
                () -> SweepPlan.expand(List.of(new SweepPlan.Axis("--seed", List.of("1", "1"))), List.of(), this::parse));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
        assertTrue(parsed.isEmpty(), "nothing is parsed before the grid is accepted");
    }
}
