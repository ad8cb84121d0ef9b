package org.snas4j.application.service.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.in.retrain.RandomTransforms;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.NetworkKind;
import org.snas4j.application.port.in.study.StudyConfiguration;

/** Settings added after a study was recorded do not stop it from continuing while they keep the value it ran with. */
class StudySettingsTest {

    private static RetrainConfiguration retrain(NetworkKind network, double labelSmoothing, double weightDecay) {
        return retrain(network, labelSmoothing, weightDecay, RandomTransforms.AUTO);
    }

    private static RetrainConfiguration retrain(NetworkKind network, double labelSmoothing, double weightDecay, RandomTransforms transforms) {
        return new RetrainConfiguration(DatasetRequest.bundledDefault(), "study", PublishedGenotypes.byName("snas-mild"), 8, 16, 64, 5, 1,
                false, 0.4, 0, 0.2, 0.025, 0, false, 0, Device.CPU, 0, 10_000, network, labelSmoothing, weightDecay, transforms);
    }

    private static StudyConfiguration study(RetrainConfiguration retrain) {
        return new StudyConfiguration(SearchConfiguration.DEFAULTS, retrain, 1, 3, List.of("snas-mild"), 1);
    }

    /** The settings as a study recorded them before the folder, network, smoothing, weight-decay, transforms and retraining-seeds settings existed. */
    private static Map<String, String> recordedBefore(StudyConfiguration configuration) {
        Map<String, String> recorded = new TreeMap<>(StudySettings.of(configuration));
        recorded.keySet().removeIf(key -> key.contains(".dataset.folder.") || key.equals("retrain.network")
                || key.equals("retrain.labelSmoothing") || key.equals("retrain.weightDecay") || key.equals("retrain.randomTransforms")
                || key.equals("study.train_seeds"));
        return recorded;
    }

    @Test
    void aStudyRecordedBeforeTheNewSettingsContinuesWithTheirOldValues() {
        StudyConfiguration configuration = study(retrain(NetworkKind.CIFAR, 0, RetrainConfiguration.CIFAR_WEIGHT_DECAY));
        assertEquals(List.of(), StudySettings.differences(recordedBefore(configuration), StudySettings.of(configuration)));
    }

    @Test
    void butNotWithOtherValues() {
        StudyConfiguration recorded = study(retrain(NetworkKind.CIFAR, 0, RetrainConfiguration.CIFAR_WEIGHT_DECAY));
        StudyConfiguration imageNet = study(retrain(NetworkKind.IMAGENET, 0.1, RetrainConfiguration.IMAGENET_WEIGHT_DECAY));
        List<String> differences = StudySettings.differences(recordedBefore(recorded), StudySettings.of(imageNet));
        assertEquals(3, differences.size(), differences.toString());
        assertTrue(differences.contains("retrain.network=CIFAR (now IMAGENET)"), differences.toString());
    }

    @Test
    void norWithOtherRandomTransforms() {
        StudyConfiguration recorded = study(retrain(NetworkKind.CIFAR, 0, RetrainConfiguration.CIFAR_WEIGHT_DECAY));
        StudyConfiguration cropped = study(retrain(NetworkKind.CIFAR, 0, RetrainConfiguration.CIFAR_WEIGHT_DECAY, RandomTransforms.CROP_FLIP));
        assertEquals(List.of("retrain.randomTransforms=AUTO (now CROP_FLIP)"),
                StudySettings.differences(recordedBefore(recorded), StudySettings.of(cropped)));
    }

    @Test
    void theMemoryLimitIsWhereARunComputesNotWhatSoItIsNotCompared() {
        assertTrue(StudySettings.of(study(retrain(NetworkKind.CIFAR, 0, 3e-4))).keySet().stream().noneMatch(k -> k.contains("memoryLimit")));
    }
}
