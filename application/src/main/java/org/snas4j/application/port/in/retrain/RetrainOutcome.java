package org.snas4j.application.port.in.retrain;

import java.nio.file.Path;
import java.util.List;

/** A finished retraining: where it is, every epoch's metrics, and the final test figures. */
public record RetrainOutcome(Path runDirectory, List<RetrainEpochMetrics> metrics, RetrainResult result) {
}
