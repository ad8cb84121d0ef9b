package org.snas4j.application.service.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.export.ExportChildUseCase;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.serving.ModelExporter;
import org.snas4j.application.port.out.serving.ServingMetadata;
import org.snas4j.application.port.out.storage.CheckpointStore;
import org.snas4j.application.port.out.storage.ChildRunDirectory;
import org.snas4j.application.port.out.storage.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.storage.RetrainState;
import org.snas4j.application.port.out.storage.StoredRetrainRun;

/** Exports the newest checkpoint of a retraining run through the {@link ModelExporter} port. */
public final class ExportChildService implements ExportChildUseCase {

    private final ChildRunDirectoryFactory runs;
    private final ModelExporter exporter;

    public ExportChildService(ChildRunDirectoryFactory runs, ModelExporter exporter) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.exporter = Objects.requireNonNull(exporter, "exporter");
    }

    @Override
    public void export(Path childRun, Path target) {
        try (ChildRunDirectory run = runs.open(childRun)) {
            StoredRetrainRun stored = run.readConfiguration();
            CheckpointStore.Checkpoint<RetrainState> checkpoint = run.checkpoints().latestValid()
                    .orElseThrow(() -> new InvalidInputException(childRun, "has no checkpoint yet: nothing trained to export"));
            RetrainConfiguration config = stored.configuration();
            Provenance p = stored.provenance();
            String provenance = "seed " + p.seed() + ", " + p.codeVersion() + ", data SHA-256 " + p.datasetFingerprint() + ", "
                    + checkpoint.state().completedEpochs() + " of " + config.epochs() + " epochs, run " + childRun.toAbsolutePath();
            // Runs recorded before class names were know their classes by index only.
            List<String> classNames = p.classNames().size() == stored.shape().classes() ? p.classNames()
                    : ImageDataset.indexNames(stored.shape().classes());
            exporter.export(config.networkConfig(stored.shape()), checkpoint.variablesDirectory(),
                    new ServingMetadata(stored.normalization(), p.datasetName(), config.genotypeSource(), provenance, classNames,
                            config.dataset().folder().fit()), target);
        }
    }
}
