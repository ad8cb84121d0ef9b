package org.snas4j.domain.distribution;

import java.util.Objects;
import org.snas4j.domain.space.CellPair;
import org.snas4j.domain.space.EdgeOpMatrix;

/**
 * One draw of the architecture from the Concrete (Gumbel-softmax) distribution, for the normal
 * and the reduction cells.
 *
 * @param z           what the supernet is fed: the soft sample, or its one-hot argmax when {@code hard}
 * @param soft        the relaxed sample softmax((alpha + G) / tau); gradients flow through it
 *                    (straight-through when {@code hard}); equal to {@code z} when not hard
 * @param temperature tau used to draw it
 * @param hard        true when {@code z} is the one-hot argmax of {@code soft}
 */
public record ConcreteSample(CellPair<EdgeOpMatrix> z, CellPair<EdgeOpMatrix> soft, double temperature, boolean hard) {

    public ConcreteSample {
        Objects.requireNonNull(z, "z");
        Objects.requireNonNull(soft, "soft");
        EdgeSoftmax.requireTemperature(temperature);
        if (!hard && !z.equals(soft)) {
            throw new IllegalArgumentException("a soft sample feeds the network its relaxed values: z must equal soft");
        }
    }
}
