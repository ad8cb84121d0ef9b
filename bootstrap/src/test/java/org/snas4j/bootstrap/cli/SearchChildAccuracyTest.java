package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.adapter.storage.dataset.FileDatasetSource;
import org.snas4j.adapter.storage.search.FileRunDirectoryFactory;
import org.snas4j.adapter.tensorflow.supernet.TensorFlowSupernetTrainer;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.out.storage.CheckpointStore;
import org.snas4j.application.port.out.storage.RunDirectory;
import org.snas4j.application.port.out.storage.SearchState;
import org.snas4j.application.port.out.training.EvaluationResult;
import org.snas4j.application.port.out.training.SgdSettings;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.service.search.SearchData;
import org.snas4j.domain.genotype.GenotypeDerivation;

/**
 * The search's per-epoch "child without retraining" figure is what the child measures: after a real
 * tiny search, the final checkpoint's supernet, fed the derived children's one-hot Z with their
 * batch-norm statistics re-estimated the same way, gives the recorded held-out accuracies.
 */
class SearchChildAccuracyTest {

    @Test
    void theRecordedChildAccuracyIsTheChildsMeasuredAccuracy(@TempDir Path dir) {
        Path run = dir.resolve("run");
        CommandLineRunner result = CommandLineRunner.run(SearchCommandTest.concat(
                new String[] {"search", "--epochs", "2", "--child-calibration-batches", "3", "--output", run.toString()},
                SearchCommandTest.TINY));
        assertEquals(ExitCodes.OK, result.exitCode(), result.err());

        SearchConfiguration config;
        CheckpointStore.Checkpoint<SearchState> checkpoint;
        List<EpochMetrics> metrics;
        try (RunDirectory directory = new FileRunDirectoryFactory().resume(run)) {
            config = directory.readConfiguration().configuration();
            checkpoint = directory.checkpoints().latestValid().orElseThrow();
            metrics = directory.metrics();
        }
        EpochMetrics last = metrics.get(metrics.size() - 1);
        assertEquals(1, last.epoch());
        assertTrue(last.childAccuracy() > 0 && last.top2ChildAccuracy() > 0, "both children measured: " + last);

        SearchData data = SearchData.prepare(new FileDatasetSource().load(config.dataset()), config);
        SupernetConfig supernet = new SupernetConfig(data.shape(), SgdSettings.PAPER, config.dropPath(), config.seed(), config.device(),
                config.threads());
        try (TensorFlowSupernetTrainer trainer = new TensorFlowSupernetTrainer(supernet)) {
            trainer.restoreVariables(checkpoint.variablesDirectory());
            var logits = checkpoint.state().logits();
            EvaluationResult edgeAll = trainer.evaluateRecalibrated(GenotypeDerivation.oneHot(GenotypeDerivation.edgeAll(logits)),
                    data.calibrationBatches(last.epoch(), config.childCalibrationBatches()), data.validationBatches());
            EvaluationResult top2 = trainer.evaluateRecalibrated(
                    GenotypeDerivation.oneHot(GenotypeDerivation.top2PerNode(logits, config.top2Rule())),
                    data.calibrationBatches(last.epoch(), config.childCalibrationBatches()), data.validationBatches());
            // The forward pass is deterministic: at most one held-out image may flip on a near-tie.
            double oneImage = 1.0 / edgeAll.count();
            assertEquals(last.childAccuracy(), edgeAll.accuracy(), oneImage + 1e-12);
            assertEquals(last.top2ChildAccuracy(), top2.accuracy(), oneImage + 1e-12);
        }
    }
}
