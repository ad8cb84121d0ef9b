package org.snas4j.application.port.in.evaluate;

import org.snas4j.application.port.in.retrain.ChildEvaluation;
import org.snas4j.domain.genotype.Genotype;

/**
 * A search run's supernet and its derived children measured on the test set WITHOUT retraining:
 * the weights of the search's newest checkpoint, the supernet fed Concrete samples at the last
 * epoch's temperature as it was trained, and the children fed the one-hot Z of their genotypes.
 *
 * @param completedEpochs epochs the search had finished at that checkpoint
 * @param temperature     tau of the last finished epoch
 * @param supernet        the supernet under sampled Z
 * @param edgeAll         the edge-all child (SNAS' derivation, every edge keeps its argmax op)
 * @param top2            the top-2 child (two strongest inputs per node, under the search's --top2-rule)
 */
public record SearchChildEvaluation(int completedEpochs, double temperature, Genotype edgeAllGenotype, Genotype top2Genotype,
                                    ChildEvaluation supernet, ChildEvaluation edgeAll, ChildEvaluation top2) {
}
