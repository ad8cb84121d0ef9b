package org.snas4j.application.service.describe;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.snas4j.application.port.in.describe.DescribeGenotypeUseCase;
import org.snas4j.application.port.in.describe.GenotypeDescription;
import org.snas4j.domain.cost.NetworkCost;
import org.snas4j.domain.cost.OperationCost;
import org.snas4j.domain.cost.SnasCostModel;
import org.snas4j.domain.genotype.ChildOptions;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeStatistics;
import org.snas4j.domain.genotype.NetworkMultiplyAdds;
import org.snas4j.domain.genotype.NetworkParameterCount;
import org.snas4j.domain.space.CellShape;
import org.snas4j.domain.space.NetworkLayout;
import org.snas4j.domain.space.NetworkShape;

/** Resolves a genotype and prices it with the SNAS cost model. */
public final class DescribeGenotypeService implements DescribeGenotypeUseCase {

    private final GenotypeCatalog catalog;

    public DescribeGenotypeService(GenotypeCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public GenotypeDescription describe(String name, NetworkShape shape, ChildOptions options) {
        Genotype genotype = catalog.resolve(name);
        NetworkCost cost = NetworkCost.of(shape, new SnasCostModel());
        List<GenotypeDescription.CellCost> cells = new ArrayList<>();
        OperationCost total = OperationCost.ZERO;
        for (CellShape cell : NetworkLayout.of(shape).cells()) {
            OperationCost cellCost = cost.ofCell(cell.index(), genotype.cell(cell.kind()));
            cells.add(new GenotypeDescription.CellCost(cell, cellCost));
            total = total.plus(cellCost);
        }
        ChildOptions otherConvention = new ChildOptions(options.auxiliaryHead(), !options.batchNormAfterPools());
        return new GenotypeDescription(name, genotype, shape, cells, NetworkParameterCount.ofChild(genotype, shape, options), total,
                GenotypeStatistics.parameterFreeEdges(genotype), options, NetworkParameterCount.ofChild(genotype, shape, otherConvention),
                NetworkMultiplyAdds.ofChild(genotype, shape));
    }
}
