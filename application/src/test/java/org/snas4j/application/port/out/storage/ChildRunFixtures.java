package org.snas4j.application.port.out.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
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
import org.snas4j.application.port.out.storage.StoredRetrainRun;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.space.NetworkKind;
import org.snas4j.domain.space.NetworkShape;

/**
 * Sample values of a retraining run for the {@link ChildRunDirectoryContract}; every field differs from
 * its default, and the strings hold spaces, quotes and '=' that a file format has to escape.
 */
public final class ChildRunFixtures {

    private ChildRunFixtures() {
    }

    public static StoredRetrainRun storedRun(Genotype genotype) {
        RetrainConfiguration configuration = new RetrainConfiguration(new DatasetRequest(DatasetRequest.FOLDER, Optional.of(Path.of("/data/c i")),
                new ImageFolderOptions(32, 3, ImageFit.RESIZE, 0.3, true, 99, 12)),
                "runs/search-1 \"final\"", genotype, 8, 16, 64, 5, -3, true, 0.4, 16, 0.2, 0.025, 0.0, true, 0.1, Device.GPU, 2, 5000,
                NetworkKind.IMAGENET, 0.1, 3e-5, RandomTransforms.CROP_FLIP);
        return new StoredRetrainRun(configuration, provenance(), new NetworkShape(8, 16, 32, 3, 10, NetworkKind.IMAGENET),
                new Normalization(new float[] {0.49139968f, 0.48215827f, 0.44653124f}, new float[] {0.24703233f, 0.24348505f, 0.26158768f}));
    }

    /** One epoch's metrics; those of epoch 0 have no top-5 figure (NaN), as with fewer than five classes. */
    public static RetrainEpochMetrics metrics(int epoch) {
        double e = epoch;
        return new RetrainEpochMetrics(epoch, 0.025 / (1 + e), 0.1 * e, 2.1 - 0.3 * e, 0.2 + 0.1 * e, "test", 1.9 - 0.3 * e,
                0.3 + 0.1 * e, epoch == 0 ? Double.NaN : 0.9 + 0.01 * e, 12.5 - e);
    }

    public static RetrainResult result(OptionalDouble top5) {
        return new RetrainResult(new ChildEvaluation(10000, 0.31, 0.9012, top5), 3349342, 3349001,
                provenance().finished(Instant.parse("2026-01-03T00:00:00Z")));
    }

    private static Provenance provenance() {
        return new Provenance(-3, "cifar10 (first 5000)", "ab12", "0.1.0 (abc)", Instant.parse("2026-01-02T03:04:05.123Z"),
                null, "train --genotype x=y", java.util.List.of("a=b c", "d,e", "f"));
    }
}
