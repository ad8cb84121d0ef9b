package org.snas4j.application.service.study;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.snas4j.application.port.in.study.StudyConfiguration;
import org.snas4j.application.port.in.study.StudyConfigurationValidator;

import org.snas4j.application.port.in.retrain.RandomTransforms;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.out.data.ImageFolderOptions;
import org.snas4j.domain.space.NetworkKind;
/**
 * A study's settings as flat {@code key=value} pairs: recorded when the study starts and compared
 * when it continues, so that one study directory never mixes runs made with different settings.
 */
final class StudySettings {

    /**
     * Where a run computes, not what: left out of the comparison, so a study may continue with another
     * thread count or --device; runs already started resume on the device they recorded (refused if it is gone).
     */
    private static final Set<String> PLACEMENT = Set.of("device", "threads", "memoryLimitMegabytes");
    /** Set per search by the study (from its base seed). */
    private static final Set<String> PER_SEARCH = Set.of("seed");
    /** Set per cell by the study. */
    private static final Set<String> PER_CELL = Set.of("genotype", "genotypeSource");

    private StudySettings() {
    }

    static SortedMap<String, String> of(StudyConfiguration configuration) {
        SortedMap<String, String> settings = new TreeMap<>();
        settings.put("study.searches", Integer.toString(configuration.searches()));
        settings.put("study.random_cells", Integer.toString(configuration.randomCells()));
        settings.put("study.published", String.join(",", configuration.published()));
        settings.put("study.seed", Long.toString(configuration.baseSeed()));
        settings.put("study.train_seeds", Integer.toString(configuration.trainSeeds()));
        flatten(StudyConfigurationValidator.SEARCH + ".", configuration.searchTemplate(), PER_SEARCH, settings);
        flatten(StudyConfigurationValidator.RETRAIN + ".", configuration.retrainTemplate(), PER_CELL, settings);
        return settings;
    }

    /**
     * Settings added after studies were first recorded, with the value every run had before they
     * existed: a study recorded then continues as long as they keep that value.
     */
    private static final Map<String, String> BEFORE_THEY_EXISTED = beforeTheyExisted();

    private static Map<String, String> beforeTheyExisted() {
        SortedMap<String, String> settings = new TreeMap<>();
        flatten("search.dataset.folder.", ImageFolderOptions.DEFAULTS, Set.of(), settings);
        flatten("retrain.dataset.folder.", ImageFolderOptions.DEFAULTS, Set.of(), settings);
        settings.put("retrain.network", NetworkKind.CIFAR.name());
        settings.put("retrain.labelSmoothing", Double.toString(0.0));
        settings.put("retrain.weightDecay", Double.toString(RetrainConfiguration.CIFAR_WEIGHT_DECAY));
        settings.put("retrain.randomTransforms", RandomTransforms.AUTO.name());
        settings.put("study.train_seeds", "1");
        return settings;
    }

    /** The settings that differ, as {@code key=recorded (now value)}; empty when none does. */
    static List<String> differences(Map<String, String> recorded, Map<String, String> now) {
        SortedMap<String, String> keys = new TreeMap<>(recorded);
        now.forEach(keys::putIfAbsent);
        List<String> differences = new ArrayList<>();
        for (String key : keys.keySet()) {
            String before = recorded.getOrDefault(key, BEFORE_THEY_EXISTED.getOrDefault(key, "(absent)"));
            String after = now.getOrDefault(key, "(absent)");
            if (!before.equals(after)) {
                differences.add(key + "=" + before + " (now " + after + ")");
            }
        }
        return differences;
    }

    /**
     * Every component of a record, nested records flattened: a setting added to the search or the
     * retraining later takes part without this class having to know it.
     */
    private static void flatten(String prefix, Record record, Set<String> skipped, Map<String, String> into) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            String name = component.getName();
            if (skipped.contains(name) || PLACEMENT.contains(name)) {
                continue;
            }
            Object value = read(record, component);
            if (value instanceof Optional<?> optional) {
                value = optional.orElse(null);
            }
            if (value instanceof Record nested) {
                flatten(prefix + name + ".", nested, Set.of(), into);
            } else {
                into.put(prefix + name, value == null ? "" : value instanceof Enum<?> e ? e.name() : value.toString());
            }
        }
    }

    private static Object read(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }
}
