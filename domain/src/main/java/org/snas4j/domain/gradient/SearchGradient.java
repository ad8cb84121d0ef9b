package org.snas4j.domain.gradient;

import java.util.Objects;
import org.snas4j.domain.distribution.ConcreteSample;
import org.snas4j.domain.distribution.EdgeSoftmax;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * SNAS' search gradient: the loss gradient with respect to the sample Z, pulled back to the
 * architecture logits through the tempered softmax Z = softmax((alpha + G) / tau) with the
 * Gumbel noise G held fixed. In expectation this equals the policy gradient whose reward is
 * credited to each edge (the paper's Section 2.3).
 */
public final class SearchGradient {

    private SearchGradient() {
    }

    /**
     * dL/dalpha from dL/dZ: per edge dL/dalpha_j = Z_j (dL/dZ_j - sum_k Z_k dL/dZ_k) / tau, with Z
     * the sample's soft values. For a hard sample, dL/dZ is taken at the one-hot z the network saw
     * and passed through the soft Jacobian (straight-through).
     */
    public static CellPair<EdgeOpMatrix> logitGradient(ConcreteSample sample, CellPair<EdgeOpMatrix> lossGradientZ) {
        Objects.requireNonNull(sample, "sample");
        Objects.requireNonNull(lossGradientZ, "lossGradientZ");
        return sample.soft().zip(lossGradientZ, (z, g) -> EdgeSoftmax.backward(z, g, sample.temperature()));
    }
}
