package org.snas4j.application.port.out.progress;

import java.nio.file.Path;
import org.snas4j.domain.space.NetworkShape;

/**
 * What a starting (or resuming) retraining announces.
 *
 * @param parameters           trainable parameters as trained (auxiliary head included when used)
 * @param parametersWithoutAuxiliary the papers' count
 * @param heldOut              "validation" or "test": what each epoch reports
 */
public record RetrainStart(Path runDirectory, NetworkShape shape, int firstEpoch, int epochs, int stepsPerEpoch, int trainImages,
                           int heldOutImages, String heldOut, long parameters, long parametersWithoutAuxiliary) {
}
