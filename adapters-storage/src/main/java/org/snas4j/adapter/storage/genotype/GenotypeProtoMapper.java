package org.snas4j.adapter.storage.genotype;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.CellGenotype;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeForm;
import org.snas4j.domain.space.CellKind;
import org.snas4j.domain.space.Operation;
import org.snas4j.proto.CellEdgeProto;
import org.snas4j.proto.CellGenotypeProto;
import org.snas4j.proto.GenotypeProto;

/** Converts genotypes to their protobuf form and back, checking every invariant on the way in. */
public final class GenotypeProtoMapper {

    private GenotypeProtoMapper() {
    }

    public static GenotypeProto toProto(Genotype genotype) {
        return GenotypeProto.newBuilder()
                .setForm(switch (genotype.form()) {
                    case TOP2_PER_NODE -> org.snas4j.proto.GenotypeForm.TOP2_PER_NODE;
                    case EDGE_ALL -> org.snas4j.proto.GenotypeForm.EDGE_ALL;
                })
                .setNormal(toProto(genotype.normal()))
                .setReduction(toProto(genotype.reduction()))
                .build();
    }

    /**
     * A valid genotype, or an exception describing the first problem in one line.
     *
     * @throws IllegalArgumentException naming the cell and edge at fault
     */
    public static Genotype fromProto(GenotypeProto proto) {
        GenotypeForm form = switch (proto.getForm()) {
            case TOP2_PER_NODE -> GenotypeForm.TOP2_PER_NODE;
            case EDGE_ALL -> GenotypeForm.EDGE_ALL;
            case GENOTYPE_FORM_UNSPECIFIED -> throw new IllegalArgumentException("genotype form is missing (expected TOP2_PER_NODE or EDGE_ALL)");
            case UNRECOGNIZED -> throw new IllegalArgumentException("unknown genotype form number " + proto.getFormValue());
        };
        if (!proto.hasNormal()) {
            throw new IllegalArgumentException("normal cell is missing");
        }
        if (!proto.hasReduction()) {
            throw new IllegalArgumentException("reduction cell is missing");
        }
        return new Genotype(cellFromProto(CellKind.NORMAL, form, proto.getNormal()),
                cellFromProto(CellKind.REDUCTION, form, proto.getReduction()));
    }

    private static CellGenotypeProto toProto(CellGenotype cell) {
        CellGenotypeProto.Builder builder = CellGenotypeProto.newBuilder().addAllConcat(cell.concat());
        for (CellEdge edge : cell.edges()) {
            builder.addEdges(CellEdgeProto.newBuilder().setOp(edge.operation().id()).setInput(edge.input()).setNode(edge.node()));
        }
        return builder.build();
    }

    private static CellGenotype cellFromProto(CellKind kind, GenotypeForm form, CellGenotypeProto proto) {
        List<CellEdge> edges = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < proto.getEdgesCount(); i++) {
            CellEdgeProto edge = proto.getEdges(i);
            CellEdge parsed;
            try {
                parsed = new CellEdge(Operation.fromId(edge.getOp()), edge.getInput(), edge.getNode());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(kind.id() + " cell, edge " + i + ": " + e.getMessage(), e);
            }
            // The domain checks this for edge-all cells only; a top-2 node needs two distinct inputs too.
            if (!seen.add(parsed.edgeIndex())) {
                throw new IllegalArgumentException(kind.id() + " cell, edge " + i + ": edge " + parsed.input() + " -> "
                        + parsed.node() + " appears twice");
            }
            edges.add(parsed);
        }
        List<Integer> concat = proto.getConcatCount() == 0 ? CellGenotype.DEFAULT_CONCAT : proto.getConcatList();
        try {
            return new CellGenotype(form, edges, concat);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(kind.id() + " cell: " + e.getMessage(), e);
        }
    }
}
