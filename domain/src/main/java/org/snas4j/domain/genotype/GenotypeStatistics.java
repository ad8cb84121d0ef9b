package org.snas4j.domain.genotype;

import org.snas4j.domain.space.Operation;

/**
 * Figures that expose a search's collapse towards parameter-free operations (a known failure of
 * DARTS-style search), to report with every genotype.
 */
public final class GenotypeStatistics {

    private GenotypeStatistics() {
    }

    /**
     * Kept edges whose op type is parameter-free: none, max/avg pool, skip_connect. Counted by op
     * type, as the collapse literature does, so a skip on a reducing edge counts although the
     * child realises it as a FactorizedReduce with weights.
     */
    public static int parameterFreeEdges(CellGenotype cell) {
        return (int) cell.edges().stream().map(CellEdge::operation).filter(Operation::isParameterFree).count();
    }

    /** Parameter-free edges of the normal and the reduction cell together. */
    public static int parameterFreeEdges(Genotype genotype) {
        return parameterFreeEdges(genotype.normal()) + parameterFreeEdges(genotype.reduction());
    }
}
