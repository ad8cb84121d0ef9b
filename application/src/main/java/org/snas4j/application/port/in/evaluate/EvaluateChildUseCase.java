package org.snas4j.application.port.in.evaluate;

import java.nio.file.Path;
import org.snas4j.application.port.out.device.Device;

/** Measures networks on the test set: top-1, top-5 (more than 5 classes) and loss. */
public interface EvaluateChildUseCase {

    /** True when {@code run} is a retraining run directory ({@link #evaluateTrained}); else try {@link #evaluateSearch}. */
    boolean holdsRetrainedChild(Path run);

    /**
     * A retrained child (a {@code train} run directory), from its newest checkpoint, run on {@code device}
     * with {@code threads} TensorFlow threads (0: one per core); not the run's own, the machine may differ.
     */
    TrainedChildEvaluation evaluateTrained(Path childRun, Device device, int threads);

    /** A search run: its supernet and derived children without retraining, from its newest checkpoint; device and threads as above. */
    SearchChildEvaluation evaluateSearch(Path searchRun, Device device, int threads);
}
