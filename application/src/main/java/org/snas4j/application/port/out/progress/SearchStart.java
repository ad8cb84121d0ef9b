package org.snas4j.application.port.out.progress;

import java.nio.file.Path;
import org.snas4j.domain.space.NetworkShape;

/**
 * What a starting (or resuming) search announces.
 *
 * @param runDirectory     where results go
 * @param shape            the supernet's shape
 * @param firstEpoch       0 for a new run, the next epoch for a resumed one
 * @param epochs           total epochs of the run
 * @param stepsPerEpoch    mini-batches per epoch
 * @param trainImages      images the weights and alpha are trained on
 * @param validationImages held-out training images the child is validated on
 * @param supernetParameters trainable weights of the supernet
 */
public record SearchStart(Path runDirectory, NetworkShape shape, int firstEpoch, int epochs, int stepsPerEpoch,
                          int trainImages, int validationImages, long supernetParameters) {
}
