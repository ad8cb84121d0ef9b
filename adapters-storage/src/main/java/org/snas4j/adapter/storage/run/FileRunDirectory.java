package org.snas4j.adapter.storage.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.snas4j.adapter.storage.checkpoint.FileCheckpointStore;
import org.snas4j.adapter.storage.checkpoint.SearchStateCodec;
import org.snas4j.adapter.storage.genotype.ProtobufGenotypeRepository;
import org.snas4j.adapter.storage.io.ProtoFiles;
import org.snas4j.adapter.storage.io.ProtoFormat;
import org.snas4j.application.port.out.CheckpointStore;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.RunDirectory;
import org.snas4j.application.port.out.StoredRun;
import org.snas4j.proto.ProvenanceProto;
import org.snas4j.application.search.EpochMetrics;
import org.snas4j.application.search.Provenance;
import org.snas4j.application.search.SearchConfiguration;
import org.snas4j.application.search.SearchState;
import org.snas4j.domain.genotype.Genotype;

/**
 * An open run directory:
 * <pre>
 * RUN/configuration.textproto, configuration.json   configuration + provenance
 * RUN/genotypes/NAME.{pb,textproto,json}
 * RUN/metrics.jsonl                                 one JSON object per epoch
 * RUN/checkpoints/epoch-NNNN/                       see {@link FileCheckpointStore}
 * RUN/run.lock                                      the holder's PID and host while open
 * </pre>
 */
public final class FileRunDirectory implements RunDirectory {

    static final String CONFIGURATION = "configuration";
    static final String GENOTYPES = "genotypes";
    public static final String METRICS = "metrics.jsonl";
    static final String CHECKPOINTS = "checkpoints";

    private static final Pattern GENOTYPE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Path path;
    private final RunLock lock;
    private final MetricsFile metrics;
    private final FileCheckpointStore<SearchState> checkpoints;
    private final ProtobufGenotypeRepository genotypes = new ProtobufGenotypeRepository();
    private volatile boolean closed;

    FileRunDirectory(Path path, RunLock lock, int checkpointsToKeep) {
        this.path = path;
        this.lock = lock;
        this.metrics = MetricsFile.open(path.resolve(METRICS));
        this.checkpoints = new FileCheckpointStore<>(path.resolve(CHECKPOINTS), new SearchStateCodec(), checkpointsToKeep,
                FileCheckpointStore.WithoutManifest.SKIP);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public void writeConfiguration(SearchConfiguration configuration, Provenance provenance) {
        ensureOpen();
        var proto = ConfigurationProtoMapper.toProto(Objects.requireNonNull(configuration, "configuration"),
                Objects.requireNonNull(provenance, "provenance"));
        ProtoFiles.write(path.resolve(CONFIGURATION + ProtoFormat.TEXT.extension()), proto);
        ProtoFiles.write(path.resolve(CONFIGURATION + ProtoFormat.JSON.extension()), proto);
    }

    @Override
    public StoredRun readConfiguration() {
        Path file = path.resolve(CONFIGURATION + ProtoFormat.TEXT.extension());
        ProvenanceProto proto = ProtoFiles.read(file, ProvenanceProto.getDefaultInstance());
        try {
            return ConfigurationProtoMapper.fromProto(proto);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when {@code name} is not a plain file name (letters, digits, '.', '_', '-') */
    @Override
    public void writeGenotype(String name, Genotype genotype) {
        ensureOpen();
        if (!GENOTYPE_NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("genotype name '" + name + "' must be 1-100 letters, digits, '.', '_' or '-', not starting with '.', '_' or '-'");
        }
        Objects.requireNonNull(genotype, "genotype");
        for (ProtoFormat format : ProtoFormat.values()) {
            genotypes.save(path.resolve(GENOTYPES).resolve(name + format.extension()), genotype);
        }
    }

    @Override
    public void recordMetrics(EpochMetrics epochMetrics) {
        ensureOpen();
        metrics.record(Objects.requireNonNull(epochMetrics, "epochMetrics"));
    }

    @Override
    public List<EpochMetrics> metrics() {
        return metrics.all();
    }

    @Override
    public CheckpointStore<SearchState> checkpoints() {
        ensureOpen();
        return checkpoints;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            lock.close();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("run directory " + path + " is closed");
        }
    }
}
