package org.snas4j.application.port.in.retrain;

import java.util.Objects;
import org.snas4j.application.port.in.provenance.Provenance;

/**
 * The final figures of a retraining run, written to its directory.
 *
 * @param test       the trained network on the test set
 * @param parameters trainable parameters of the network as trained (the auxiliary head's included when used)
 * @param parametersWithoutAuxiliary the papers' count: without the auxiliary head
 * @param provenance seed, data fingerprint, code version, start and end, command line
 */
public record RetrainResult(ChildEvaluation test, long parameters, long parametersWithoutAuxiliary, Provenance provenance) {

    public RetrainResult {
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(provenance, "provenance");
    }
}
