package org.snas4j.adapter.storage.run;

import com.google.protobuf.Timestamp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.data.DatasetRequest;
import org.snas4j.application.data.ImageFit;
import org.snas4j.application.data.ImageFolderOptions;
import org.snas4j.application.port.out.Device;
import org.snas4j.application.port.out.StoredRun;
import org.snas4j.application.search.Provenance;
import org.snas4j.application.search.SearchConfiguration;
import org.snas4j.domain.cost.CostForm;
import org.snas4j.domain.cost.CostMetric;
import org.snas4j.domain.cost.GradientEstimator;
import org.snas4j.domain.distribution.TemperatureSchedule;
import org.snas4j.domain.genotype.Top2Rule;
import org.snas4j.proto.CostMetricProto;
import org.snas4j.proto.DatasetRequestProto;
import org.snas4j.proto.DeviceProto;
import org.snas4j.proto.GradientEstimatorProto;
import org.snas4j.proto.ImageFolderOptionsProto;
import org.snas4j.proto.ProvenanceProto;
import org.snas4j.proto.SearchConfigurationProto;
import org.snas4j.proto.Top2RuleProto;

/**
 * Converts a run's configuration and provenance to the {@link ProvenanceProto} of its
 * configuration files and back. Enum constants map by name: {@code CostMetric.FLOPS} is
 * {@code COST_METRIC_FLOPS}.
 */
public final class ConfigurationProtoMapper {

    private static final String COST_METRIC = "COST_METRIC_";
    private static final String ESTIMATOR = "GRADIENT_ESTIMATOR_";
    private static final String DEVICE = "DEVICE_";
    private static final String TOP2_RULE = "TOP2_RULE_";

    private ConfigurationProtoMapper() {
    }

    public static ProvenanceProto toProto(SearchConfiguration configuration, Provenance provenance) {
        ProvenanceProto.Builder builder = ProvenanceProto.newBuilder()
                .setSeed(provenance.seed())
                .setConfiguration(toProto(configuration))
                .setDatasetName(provenance.datasetName())
                .setDatasetFingerprint(provenance.datasetFingerprint())
                .setCodeVersion(provenance.codeVersion())
                .setStartedAt(timestamp(provenance.startedAt()))
                .setCommandLine(provenance.commandLine())
                .addAllClassNames(provenance.classNames());
        if (provenance.finishedAt() != null) {
            builder.setFinishedAt(timestamp(provenance.finishedAt()));
        }
        return builder.build();
    }

    /** @throws IllegalArgumentException describing the first missing or unknown value in one line */
    public static StoredRun fromProto(ProvenanceProto proto) {
        if (!proto.hasConfiguration()) {
            throw new IllegalArgumentException("configuration is missing");
        }
        if (!proto.hasStartedAt()) {
            throw new IllegalArgumentException("started_at is missing");
        }
        Provenance provenance = new Provenance(proto.getSeed(), proto.getDatasetName(), proto.getDatasetFingerprint(),
                proto.getCodeVersion(), instant(proto.getStartedAt()), proto.hasFinishedAt() ? instant(proto.getFinishedAt()) : null,
                proto.getCommandLine(), proto.getClassNamesList());
        return new StoredRun(fromProto(proto.getConfiguration()), provenance);
    }

    public static SearchConfigurationProto toProto(SearchConfiguration c) {
        return SearchConfigurationProto.newBuilder()
                .setDataset(toProto(c.dataset()))
                .setLayers(c.layers())
                .setChannels(c.channels())
                .setBatchSize(c.batchSize())
                .setEpochs(c.epochs())
                .setSeed(c.seed())
                .setTemperatureStart(c.temperatureStart())
                .setTemperatureFloor(c.temperatureFloor())
                .setExponentialTemperature(c.temperatureSchedule() == TemperatureSchedule.Kind.EXPONENTIAL)
                .setLambda(c.lambda())
                .setCostMetric(CostMetricProto.valueOf(COST_METRIC + c.costMetric().name()))
                .setLogarithmicCost(c.costForm() == CostForm.LOG)
                .setEstimator(GradientEstimatorProto.valueOf(ESTIMATOR + c.estimator().name()))
                .setValidationFraction(c.validationFraction())
                .setLearningRate(c.learningRate())
                .setLearningRateMin(c.learningRateMin())
                .setArchitectureLearningRate(c.architectureLearningRate())
                .setDevice(DeviceProto.valueOf(DEVICE + c.device().name()))
                .setThreads(c.threads())
                .setTrainLimit(c.trainLimit())
                .setWarmupEpochs(c.warmupEpochs())
                .setDropPath(c.dropPath())
                .setTop2Rule(Top2RuleProto.valueOf(TOP2_RULE + c.top2Rule().name()))
                .setChildCalibrationBatches(c.childCalibrationBatches())
                .build();
    }

    public static SearchConfiguration fromProto(SearchConfigurationProto p) {
        if (!p.hasDataset() || p.getDataset().getName().isEmpty()) {
            throw new IllegalArgumentException("configuration.dataset.name is missing");
        }
        DatasetRequest dataset = fromProto(p.getDataset());
        return new SearchConfiguration(dataset, p.getLayers(), p.getChannels(), p.getBatchSize(), p.getEpochs(), p.getSeed(),
                p.getTemperatureStart(), p.getTemperatureFloor(),
                p.getExponentialTemperature() ? TemperatureSchedule.Kind.EXPONENTIAL : TemperatureSchedule.Kind.LINEAR, p.getLambda(),
                CostMetric.valueOf(enumName("cost_metric", p.getCostMetric().name(), COST_METRIC)),
                p.getLogarithmicCost() ? CostForm.LOG : CostForm.LINEAR,
                GradientEstimator.valueOf(enumName("estimator", p.getEstimator().name(), ESTIMATOR)), p.getValidationFraction(),
                p.getLearningRate(), p.getLearningRateMin(), p.getArchitectureLearningRate(), Device.valueOf(enumName("device", p.getDevice().name(), DEVICE)),
                p.getThreads(), p.getTrainLimit(), p.getWarmupEpochs(), p.getDropPath(),
                // Runs recorded before the rule existed derived their top-2 child the DARTS way.
                p.getTop2Rule() == Top2RuleProto.TOP2_RULE_UNSPECIFIED ? Top2Rule.DARTS
                        : Top2Rule.valueOf(enumName("top2_rule", p.getTop2Rule().name(), TOP2_RULE)),
                p.getChildCalibrationBatches());
    }

    static DatasetRequestProto toProto(DatasetRequest dataset) {
        DatasetRequestProto.Builder builder = DatasetRequestProto.newBuilder()
                .setName(dataset.name())
                .setDirectory(dataset.directory().map(Path::toString).orElse(""));
        if (dataset.isFolder()) {
            ImageFolderOptions f = dataset.folder();
            builder.setFolder(ImageFolderOptionsProto.newBuilder().setInputSize(f.inputSize()).setInputChannels(f.inputChannels())
                    .setFit(f.fit().id()).setTestFraction(f.testFraction()).setSkipBadImages(f.skipBadImages())
                    .setMaxImagePixels(f.maxImagePixels()).setMemoryLimitMegabytes(f.memoryLimitMegabytes()));
        }
        return builder.build();
    }

    static DatasetRequest fromProto(DatasetRequestProto p) {
        String directory = p.getDirectory();
        Optional<Path> path = directory.isEmpty() ? Optional.empty() : Optional.of(Path.of(directory));
        if (!p.hasFolder()) {
            return new DatasetRequest(p.getName(), path);
        }
        ImageFolderOptionsProto f = p.getFolder();
        try {
            return new DatasetRequest(p.getName(), path, new ImageFolderOptions(f.getInputSize(), f.getInputChannels(), ImageFit.fromId(f.getFit()),
                    f.getTestFraction(), f.getSkipBadImages(), f.getMaxImagePixels(), f.getMemoryLimitMegabytes()));
        } catch (InvalidInputException e) {
            throw new IllegalArgumentException("configuration.dataset.folder: " + e.getMessage(), e);
        }
    }

    private static String enumName(String field, String protoName, String prefix) {
        if (!protoName.startsWith(prefix) || protoName.endsWith("_UNSPECIFIED")) {
            throw new IllegalArgumentException("configuration." + field + " is missing or unknown");
        }
        return protoName.substring(prefix.length());
    }

    public static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    public static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
