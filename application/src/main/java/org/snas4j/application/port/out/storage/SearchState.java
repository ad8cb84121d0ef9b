package org.snas4j.application.port.out.storage;

import java.util.Objects;
import org.snas4j.domain.optim.AdamState;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * The architecture side of a search at an epoch boundary: together with the supernet's variables it
 * is all a resumed run needs. Random streams are derived from (seed, epoch), so no generator state
 * has to be stored.
 *
 * @param completedEpochs epochs finished so far
 * @param globalStep      training steps taken so far
 * @param logits          alpha for normal and reduction cells
 * @param optimizer       Adam's state for alpha
 */
public record SearchState(int completedEpochs, long globalStep, CellPair<EdgeOpMatrix> logits, AdamState optimizer) {

    public SearchState {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(optimizer, "optimizer");
    }
}
