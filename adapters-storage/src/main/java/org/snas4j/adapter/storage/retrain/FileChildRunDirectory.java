package org.snas4j.adapter.storage.retrain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.adapter.storage.checkpoint.FileCheckpointStore;
import org.snas4j.adapter.storage.io.RunLock;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.retrain.ChildEvaluation;
import org.snas4j.application.port.in.retrain.RandomTransforms;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.in.retrain.RetrainEpochMetrics;
import org.snas4j.application.port.in.retrain.RetrainResult;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.data.ImageFit;
import org.snas4j.application.port.out.data.ImageFolderOptions;
import org.snas4j.application.port.out.data.Normalization;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.storage.CheckpointStore;
import org.snas4j.application.port.out.storage.ChildRunDirectory;
import org.snas4j.application.port.out.storage.RetrainState;
import org.snas4j.application.port.out.storage.StoredRetrainRun;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.CellGenotype;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeForm;
import org.snas4j.domain.space.NetworkKind;
import org.snas4j.domain.space.NetworkShape;
import org.snas4j.domain.space.Operation;

/**
 * A retraining run on disk, every file written atomically:
 * <pre>
 * RUN/configuration.properties           configuration, genotype, provenance, network shape, normalisation
 * RUN/metrics.tsv                        a header and one tab-separated line per epoch
 * RUN/checkpoints/epoch-NNNN/            state.properties, variables/ (the network's files), manifest; see {@link FileCheckpointStore}
 * RUN/result.properties                  final test figures, parameter counts, provenance with end time
 * RUN/run.lock                           the holder's PID and host while open; see {@link RunLock}
 * </pre>
 * Checkpoints are written and verified like a search's; the newest {@value #CHECKPOINTS_KEPT} are
 * kept. Those of runs from before retraining checkpoints had manifests are still read, unverified.
 */
final class FileChildRunDirectory implements ChildRunDirectory {

    static final String CONFIGURATION = "configuration.properties";
    static final String METRICS = "metrics.tsv";
    static final String CHECKPOINTS = "checkpoints";
    static final String RESULT = "result.properties";
    static final int CHECKPOINTS_KEPT = 2;

    private static final String METRICS_HEADER = String.join("\t", "epoch", "learning_rate", "drop_path", "train_loss",
            "train_accuracy", "held_out", "held_out_loss", "held_out_accuracy", "held_out_top5", "seconds");

    private final Path path;
    private final RunLock lock;
    private final FileCheckpointStore<RetrainState> checkpoints;

    /** Takes over {@code lock}, which the directory releases when it is closed. */
    FileChildRunDirectory(Path path, RunLock lock) {
        this.path = Objects.requireNonNull(path, "path");
        this.lock = Objects.requireNonNull(lock, "lock");
        this.checkpoints = checkpointStore(path.resolve(CHECKPOINTS));
    }

    /** The checkpoints of a retraining run kept in {@code directory}. */
    static FileCheckpointStore<RetrainState> checkpointStore(Path directory) {
        return new FileCheckpointStore<>(directory, new RetrainStateCodec(), CHECKPOINTS_KEPT,
                FileCheckpointStore.WithoutManifest.READ_UNVERIFIED);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public void writeConfiguration(StoredRetrainRun run) {
        lock.requireHeld();
        RetrainConfiguration c = run.configuration();
        RunProperties p = RunProperties.empty(path.resolve(CONFIGURATION))
                .put("dataset.name", c.dataset().name())
                .put("genotype.source", c.genotypeSource())
                .put("layers", c.layers()).put("channels", c.channels()).put("batch", c.batchSize()).put("epochs", c.epochs())
                .put("seed", c.seed()).put("auxiliary", c.auxiliary()).put("auxiliary_weight", c.auxiliaryWeight())
                .put("cutout", c.cutout()).put("drop_path", c.dropPath()).put("learning_rate", c.learningRate())
                .put("learning_rate_min", c.learningRateMin()).put("batch_norm_after_pools", c.batchNormAfterPools())
                .put("validation_fraction", c.validationFraction()).put("device", c.device()).put("threads", c.threads())
                .put("train_limit", c.trainLimit()).put("network", c.network().id()).put("label_smoothing", c.labelSmoothing())
                .put("weight_decay", c.weightDecay()).put("random_transforms", c.randomTransforms().id());
        c.dataset().directory().ifPresent(d -> p.put("dataset.directory", d));
        if (c.dataset().isFolder()) {
            ImageFolderOptions f = c.dataset().folder();
            p.put("dataset.folder.input_size", f.inputSize()).put("dataset.folder.input_channels", f.inputChannels())
                    .put("dataset.folder.fit", f.fit().id()).put("dataset.folder.test_fraction", f.testFraction())
                    .put("dataset.folder.skip_bad_images", f.skipBadImages()).put("dataset.folder.max_image_pixels", f.maxImagePixels())
                    .put("dataset.folder.memory_limit_megabytes", f.memoryLimitMegabytes());
        }
        putGenotype(p, c.genotype());
        putProvenance(p, "provenance.", run.provenance());
        NetworkShape s = run.shape();
        p.put("shape.input_size", s.inputSize()).put("shape.input_channels", s.inputChannels()).put("shape.classes", s.classes())
                .put("shape.network", s.kind().id());
        Normalization n = run.normalization();
        for (int ch = 0; ch < n.channels(); ch++) {
            p.put("normalization.mean." + ch, Float.toString(n.mean(ch))).put("normalization.std." + ch, Float.toString(n.std(ch)));
        }
        p.write();
    }

    @Override
    public Path configurationFile() {
        return path.resolve(CONFIGURATION);
    }

    @Override
    public StoredRetrainRun readConfiguration() {
        return readConfiguration(path);
    }

    /** What the retraining run in {@code path} recorded when it started. */
    static StoredRetrainRun readConfiguration(Path path) {
        RunProperties p = RunProperties.read(path.resolve(CONFIGURATION));
        try {
            Optional<Path> directory = p.has("dataset.directory") ? Optional.of(Path.of(p.string("dataset.directory"))) : Optional.empty();
            // Runs recorded before the ImageNet network existed trained the CIFAR one with DARTS' weight decay and no smoothing.
            NetworkKind network = p.has("network") ? NetworkKind.fromId(p.string("network")) : NetworkKind.CIFAR;
            RetrainConfiguration c = new RetrainConfiguration(dataset(p, directory),
                    p.string("genotype.source"), genotype(p), p.integer("layers"), p.integer("channels"), p.integer("batch"),
                    p.integer("epochs"), p.longValue("seed"), p.bool("auxiliary"), p.decimal("auxiliary_weight"), p.integer("cutout"),
                    p.decimal("drop_path"), p.decimal("learning_rate"), p.decimal("learning_rate_min"), p.bool("batch_norm_after_pools"),
                    p.decimal("validation_fraction"), Device.valueOf(p.string("device")), p.integer("threads"), p.integer("train_limit"),
                    network, p.has("label_smoothing") ? p.decimal("label_smoothing") : 0,
                    p.has("weight_decay") ? p.decimal("weight_decay") : RetrainConfiguration.CIFAR_WEIGHT_DECAY,
                    // Runs recorded before the choice existed had the dataset's default transforms.
                    p.has("random_transforms") ? RandomTransforms.fromId(p.string("random_transforms")) : RandomTransforms.AUTO);
            NetworkShape shape = new NetworkShape(c.layers(), c.channels(), p.integer("shape.input_size"),
                    p.integer("shape.input_channels"), p.integer("shape.classes"),
                    p.has("shape.network") ? NetworkKind.fromId(p.string("shape.network")) : NetworkKind.CIFAR);
            int channels = shape.inputChannels();
            float[] mean = new float[channels];
            float[] std = new float[channels];
            for (int ch = 0; ch < channels; ch++) {
                mean[ch] = (float) p.decimal("normalization.mean." + ch);
                std[ch] = (float) p.decimal("normalization.std." + ch);
            }
            return new StoredRetrainRun(c, provenance(p, "provenance."), shape, new Normalization(mean, std));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(p.file(), e.getMessage(), e);
        }
    }

    @Override
    public void recordMetrics(RetrainEpochMetrics metrics) {
        lock.requireHeld();
        TreeMap<Integer, RetrainEpochMetrics> byEpoch = new TreeMap<>();
        metrics().forEach(m -> byEpoch.put(m.epoch(), m));
        byEpoch.put(metrics.epoch(), metrics);
        StringBuilder text = new StringBuilder(METRICS_HEADER).append('\n');
        for (RetrainEpochMetrics m : byEpoch.values()) {
            text.append(String.join("\t", Integer.toString(m.epoch()), Double.toString(m.learningRate()),
                    Double.toString(m.dropPathProbability()), Double.toString(m.trainLoss()), Double.toString(m.trainAccuracy()),
                    m.heldOut(), Double.toString(m.heldOutLoss()), Double.toString(m.heldOutAccuracy()), Double.toString(m.heldOutTop5()),
                    String.format(Locale.ROOT, "%.3f", m.seconds()))).append('\n');
        }
        AtomicFiles.write(path.resolve(METRICS), text.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public List<RetrainEpochMetrics> metrics() {
        return metrics(path);
    }

    /** The epochs the retraining run in {@code path} recorded, in order. */
    static List<RetrainEpochMetrics> metrics(Path path) {
        Path file = path.resolve(METRICS);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (lines.isEmpty() || !lines.get(0).equals(METRICS_HEADER)) {
            throw new InvalidInputException(file, "does not start with the metrics header");
        }
        List<RetrainEpochMetrics> metrics = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split("\t", -1);
            if (f.length != 10) {
                throw new InvalidInputException(file, "line " + (i + 1) + " has " + f.length + " fields, expected 10");
            }
            try {
                metrics.add(new RetrainEpochMetrics(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]), Double.parseDouble(f[4]), f[5], Double.parseDouble(f[6]), Double.parseDouble(f[7]),
                        Double.parseDouble(f[8]), Double.parseDouble(f[9])));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(file, "line " + (i + 1) + " holds a malformed number: " + e.getMessage());
            }
        }
        return metrics;
    }

    @Override
    public CheckpointStore<RetrainState> checkpoints() {
        lock.requireHeld();
        return checkpoints;
    }

    @Override
    public void writeResult(RetrainResult result) {
        lock.requireHeld();
        ChildEvaluation test = result.test();
        RunProperties p = RunProperties.empty(path.resolve(RESULT))
                .put("test.examples", test.examples()).put("test.loss", test.loss()).put("test.top1", test.top1())
                .put("parameters", result.parameters()).put("parameters_without_auxiliary", result.parametersWithoutAuxiliary());
        test.top5().ifPresent(top5 -> p.put("test.top5", top5));
        putProvenance(p, "provenance.", result.provenance());
        p.write();
    }

    @Override
    public Optional<RetrainResult> readResult() {
        return readResult(path);
    }

    /** The final result of the retraining run in {@code path}; empty while it is unfinished. */
    static Optional<RetrainResult> readResult(Path path) {
        if (!Files.isRegularFile(path.resolve(RESULT))) {
            return Optional.empty();
        }
        RunProperties p = RunProperties.read(path.resolve(RESULT));
        ChildEvaluation test = new ChildEvaluation(p.longValue("test.examples"), p.decimal("test.loss"), p.decimal("test.top1"),
                p.has("test.top5") ? OptionalDouble.of(p.decimal("test.top5")) : OptionalDouble.empty());
        return Optional.of(new RetrainResult(test, p.longValue("parameters"), p.longValue("parameters_without_auxiliary"),
                provenance(p, "provenance.")));
    }

    @Override
    public void close() {
        lock.close();
    }

    /** Cells as "op input node" triples, comma-separated, e.g. "sep_conv_3x3 0 2, skip_connect 1 2". */
    private static void putGenotype(RunProperties p, Genotype genotype) {
        p.put("genotype.form", genotype.form());
        for (var kind : org.snas4j.domain.space.CellKind.values()) {
            CellGenotype cell = genotype.cell(kind);
            List<String> edges = cell.edges().stream().map(e -> e.operation().id() + " " + e.input() + " " + e.node()).toList();
            p.put("genotype." + kind.id(), String.join(", ", edges));
            p.put("genotype." + kind.id() + ".concat", String.join(",", cell.concat().stream().map(String::valueOf).toList()));
        }
    }

    private static Genotype genotype(RunProperties p) {
        GenotypeForm form = GenotypeForm.valueOf(p.string("genotype.form"));
        List<CellGenotype> cells = new ArrayList<>();
        for (var kind : org.snas4j.domain.space.CellKind.values()) {
            List<CellEdge> edges = new ArrayList<>();
            for (String triple : p.string("genotype." + kind.id()).split(",")) {
                String[] parts = triple.trim().split(" ");
                if (parts.length != 3) {
                    throw new InvalidInputException(p.file(), "genotype edge '" + triple.trim() + "' is not 'op input node'");
                }
                edges.add(new CellEdge(Operation.fromId(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])));
            }
            List<Integer> concat = Stream.of(p.string("genotype." + kind.id() + ".concat").split(",")).map(String::trim)
                    .map(Integer::parseInt).toList();
            cells.add(new CellGenotype(form, edges, concat));
        }
        return new Genotype(cells.get(0), cells.get(1));
    }

    private static DatasetRequest dataset(RunProperties p, Optional<Path> directory) {
        if (!p.has("dataset.folder.input_size")) {
            return new DatasetRequest(p.string("dataset.name"), directory);
        }
        try {
            return new DatasetRequest(p.string("dataset.name"), directory, new ImageFolderOptions(p.integer("dataset.folder.input_size"),
                    p.integer("dataset.folder.input_channels"), ImageFit.fromId(p.string("dataset.folder.fit")),
                    p.decimal("dataset.folder.test_fraction"), p.bool("dataset.folder.skip_bad_images"),
                    p.longValue("dataset.folder.max_image_pixels"), p.integer("dataset.folder.memory_limit_megabytes")));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(p.file(), "dataset.folder: " + e.getMessage(), e);
        }
    }

    private static void putProvenance(RunProperties p, String prefix, Provenance provenance) {
        p.put(prefix + "seed", provenance.seed()).put(prefix + "dataset", provenance.datasetName())
                .put(prefix + "dataset_sha256", provenance.datasetFingerprint()).put(prefix + "code_version", provenance.codeVersion())
                .put(prefix + "started_at", provenance.startedAt()).put(prefix + "command_line", provenance.commandLine());
        if (provenance.finishedAt() != null) {
            p.put(prefix + "finished_at", provenance.finishedAt());
        }
        for (int k = 0; k < provenance.classNames().size(); k++) {
            p.put(prefix + "class." + k, provenance.classNames().get(k));
        }
    }

    private static Provenance provenance(RunProperties p, String prefix) {
        return new Provenance(p.longValue(prefix + "seed"), p.string(prefix + "dataset"), p.string(prefix + "dataset_sha256"),
                p.string(prefix + "code_version"), Instant.parse(p.string(prefix + "started_at")),
                p.has(prefix + "finished_at") ? Instant.parse(p.string(prefix + "finished_at")) : null, p.string(prefix + "command_line"),
                classNames(p, prefix));
    }

    /** The class names recorded under prefix + "class.K"; none in runs recorded before they were. */
    private static List<String> classNames(RunProperties p, String prefix) {
        List<String> names = new ArrayList<>();
        while (p.has(prefix + "class." + names.size())) {
            names.add(p.string(prefix + "class." + names.size()));
        }
        return names;
    }
}
