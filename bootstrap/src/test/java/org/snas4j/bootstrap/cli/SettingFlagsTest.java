package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.bootstrap.wiring.DaggerSnas4jComponent;
import picocli.CommandLine;

/** Every setting a command's flags set is mapped back to a flag that command has, so no refusal names a setting the user cannot find. */
class SettingFlagsTest {

    /** Settings no flag sets: their refusals name the setting (the one with a flag is refused instead where both are checked). */
    private static final Set<String> FLAGLESS = Set.of("learningRateMin");

    private final CommandLine commands = DaggerSnas4jComponent.create().commandLine();

    @Test
    void everySearchSettingNamesAFlagOfSearch() {
        assertMapped("search", settingsOf(SearchConfiguration.class));
    }

    @Test
    void everyRetrainingSettingNamesAFlagOfTrain() {
        assertMapped("train", settingsOf(RetrainConfiguration.class));
    }

    @Test
    void studyNamesItsOwnFlagsSearchsFlagsAndItsTrainFlags() {
        List<String> settings = new ArrayList<>(List.of("searches", "randomCells", "published"));
        settingsOf(SearchConfiguration.class).forEach(setting -> settings.add("search." + setting));
        List.of("layers", "channels", "batchSize", "epochs", "trainLimit", "seed", "threads", "device", DatasetRequest.NAME_SETTING)
                .forEach(setting -> settings.add("retrain." + setting));
        assertMapped("study", settings);
        SettingFlags study = (SettingFlags) commands.getSubcommands().get("study").getCommand();
        assertEquals(Optional.of("--train-layers"), study.flagOf("retrain.layers"), "the study's retrainings have flags of their own");
        assertEquals(Optional.of("--layers"), study.flagOf("search.layers"));
    }

    @Test
    void evaluateAndPredictNameTheirFlags() {
        assertMapped("evaluate", List.of("threads", "device"));
        assertMapped("predict", List.of("limit"));
    }

    private void assertMapped(String command, List<String> settings) {
        CommandLine subcommand = commands.getSubcommands().get(command);
        SettingFlags flags = (SettingFlags) subcommand.getCommand();
        for (String setting : settings) {
            Optional<String> flag = flags.flagOf(setting);
            assertTrue(flag.isPresent(), command + " maps no flag to " + setting);
            assertNotNull(subcommand.getCommandSpec().findOption(flag.get()), command + " has no option " + flag.get() + " for " + setting);
        }
    }

    /** The record's components, a dataset request as its two settings, without the flagless ones. */
    private static List<String> settingsOf(Class<? extends Record> configuration) {
        List<String> settings = new ArrayList<>();
        Arrays.stream(configuration.getRecordComponents()).map(c -> c.getName()).filter(name -> !FLAGLESS.contains(name)).forEach(name -> {
            if (name.equals("dataset")) {
                settings.add(DatasetRequest.NAME_SETTING);
                settings.add(DatasetRequest.DIRECTORY_SETTING);
            } else {
                settings.add(name);
            }
        });
        return settings;
    }
}
