package org.snas4j.domain.optim;

/**
 * DARTS' per-epoch cosine annealing (PyTorch CosineAnnealingLR with T_max = epochs):
 * min + (max - min) * (1 + cos(pi * epoch / epochs)) / 2, so epoch 0 gives max and the value
 * approaches min at the end of the run; epochs past the end stay at min instead of rising again.
 */
public record CosineSchedule(double max, double min, int epochs) {

    public CosineSchedule {
        if (!Double.isFinite(max) || !Double.isFinite(min) || min < 0 || max < min) {
            throw new IllegalArgumentException("need 0 <= min <= max, got max " + max + ", min " + min);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
    }

    /** The value for a 0-based epoch. */
    public double at(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, got " + epoch);
        }
        return min + (max - min) * (1 + Math.cos(Math.PI * Math.min(epoch, epochs) / epochs)) / 2;
    }
}
