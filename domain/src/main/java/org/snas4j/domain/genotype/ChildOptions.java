package org.snas4j.domain.genotype;

/**
 * Variants of the evaluation (child) network that change its parameter count.
 *
 * @param auxiliaryHead       true to include DARTS' auxiliary classifier at cell 2*layers/3 (the
 *                            papers' counts exclude it; training uses it with weight 0.4)
 * @param batchNormAfterPools true for the SNAS code's affine BN after every pool edge (2C
 *                            parameters each); false for DARTS' plain pools
 */
public record ChildOptions(boolean auxiliaryHead, boolean batchNormAfterPools) {
}
