package org.snas4j.application.port.in.describe;

import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.space.NetworkShape;

/** Prices a genotype: its cells edge by edge, and the cost of a network built from it. */
public interface DescribeGenotypeUseCase {

    /**
     * @param genotype a published name (snas-mild, snas-moderate, snas-aggressive, darts-v2) or a genotype file
     */
    GenotypeDescription describe(String genotype, NetworkShape shape, ChildOptions options);
}
