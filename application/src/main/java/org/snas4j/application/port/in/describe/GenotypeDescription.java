package org.snas4j.application.port.in.describe;

import java.util.List;
import org.snas4j.domain.cost.OperationCost;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.space.CellShape;
import org.snas4j.domain.space.NetworkShape;

/**
 * A genotype priced for a network shape.
 *
 * @param name               what the user asked for
 * @param genotype           the genotype
 * @param shape              the network it was priced for
 * @param cells              each cell of that network with the cost of its ops
 * @param networkParameters  trainable parameters of the whole child network (stem, preprocessing, cells,
 *                           classifier, and the auxiliary head when asked for)
 * @param cellsCost          parameters, FLOPs and MAC of all cells' ops together
 * @param parameterFreeEdges parameter-free edges of the normal and reduction cell together
 * @param options            the auxiliary head and pool convention {@code networkParameters} counts
 * @param otherPoolConventionParameters {@code networkParameters} in the other pool convention (with or without BN after pools)
 * @param multiplyAdds       multiply-adds of one image through the network at inference
 */
public record GenotypeDescription(String name, Genotype genotype, NetworkShape shape, List<CellCost> cells,
                                  long networkParameters, OperationCost cellsCost, int parameterFreeEdges, ChildOptions options,
                                  long otherPoolConventionParameters, long multiplyAdds) {

    /** One cell of the network and what its ops cost. */
    public record CellCost(CellShape shape, OperationCost cost) {
    }
}
