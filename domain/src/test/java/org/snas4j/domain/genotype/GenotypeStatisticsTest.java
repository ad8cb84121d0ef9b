package org.snas4j.domain.genotype;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GenotypeStatisticsTest {

    @Test
    void countsNonePoolAndSkipEdges() {
        Genotype darts = PublishedGenotypes.byName("darts-v2");
        assertEquals(2, GenotypeStatistics.parameterFreeEdges(darts.normal()));     // two skips
        assertEquals(8, GenotypeStatistics.parameterFreeEdges(darts.reduction()));  // five max pools, three skips
        assertEquals(10, GenotypeStatistics.parameterFreeEdges(darts));
        assertEquals(11, GenotypeStatistics.parameterFreeEdges(PublishedGenotypes.byName("snas-mild")));      // 4 skips; 5 pools + 2 skips
        assertEquals(6, GenotypeStatistics.parameterFreeEdges(PublishedGenotypes.byName("snas-moderate")));   // 4 skips; 2 pools
        assertEquals(11, GenotypeStatistics.parameterFreeEdges(PublishedGenotypes.byName("snas-aggressive"))); // 5 skips; 6 none
    }
}
