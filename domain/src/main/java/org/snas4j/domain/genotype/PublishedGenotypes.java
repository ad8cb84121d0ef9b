package org.snas4j.domain.genotype;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.Operation;

/**
 * Genotypes published by the SNAS paper (Figure 3 / the authors' genotypes.py, DARTS form) and
 * DARTS' second-order cell (DARTS_V2), to retrain or compare against by name.
 */
public final class PublishedGenotypes {

    private static final Map<String, Genotype> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("snas-mild", genotype(
                "sep_conv_3x3 0, sep_conv_3x3 1, skip_connect 0, dil_conv_3x3 1, skip_connect 0, skip_connect 1, skip_connect 0, sep_conv_3x3 1",
                "max_pool_3x3 0, max_pool_3x3 1, max_pool_3x3 1, skip_connect 2, max_pool_3x3 1, skip_connect 2, max_pool_3x3 0, dil_conv_5x5 2"));
        BY_NAME.put("snas-moderate", genotype(
                "dil_conv_5x5 0, skip_connect 1, sep_conv_3x3 0, skip_connect 1, skip_connect 0, skip_connect 1, sep_conv_3x3 0, dil_conv_5x5 1",
                "max_pool_3x3 0, max_pool_3x3 1, sep_conv_5x5 0, dil_conv_5x5 1, sep_conv_5x5 0, sep_conv_5x5 1, sep_conv_5x5 0, sep_conv_5x5 1"));
        BY_NAME.put("snas-aggressive", genotype(
                "sep_conv_5x5 0, skip_connect 1, skip_connect 0, skip_connect 1, dil_conv_5x5 1, skip_connect 0, skip_connect 0, dil_conv_5x5 1",
                "sep_conv_5x5 0, none 1, sep_conv_5x5 0, none 1, none 1, none 0, none 1, none 0"));
        BY_NAME.put("darts-v2", genotype(
                "sep_conv_3x3 0, sep_conv_3x3 1, sep_conv_3x3 0, sep_conv_3x3 1, sep_conv_3x3 1, skip_connect 0, skip_connect 0, dil_conv_3x3 2",
                "max_pool_3x3 0, max_pool_3x3 1, skip_connect 2, max_pool_3x3 1, max_pool_3x3 0, skip_connect 2, skip_connect 2, max_pool_3x3 1"));
    }

    private PublishedGenotypes() {
    }

    /**
     * @throws IllegalArgumentException naming the unknown name and the known ones
     */
    public static Genotype byName(String name) {
        Genotype g = BY_NAME.get(name);
        if (g == null) {
            throw new IllegalArgumentException("unknown published genotype '" + name + "' (expected one of " + names() + ")");
        }
        return g;
    }

    /** The known names, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /** Two cells written as "op input" pairs, two per intermediate node, nodes 2..5 in order (the DARTS tuple order). */
    private static Genotype genotype(String normal, String reduce) {
        return new Genotype(cell(normal), cell(reduce));
    }

    private static CellGenotype cell(String pairs) {
        String[] items = pairs.split(",");
        List<CellEdge> edges = new ArrayList<>(items.length);
        for (int i = 0; i < items.length; i++) {
            String[] opAndInput = items[i].trim().split(" ");
            edges.add(new CellEdge(Operation.fromId(opAndInput[0]), Integer.parseInt(opAndInput[1]), CellTopology.INPUT_NODES + i / 2));
        }
        return new CellGenotype(GenotypeForm.TOP2_PER_NODE, edges);
    }
}
