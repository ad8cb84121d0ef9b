package org.snas4j.domain.genotype;

import java.util.Objects;
import org.snas4j.domain.space.CellKind;

/** A derived architecture: one normal cell and one reduction cell, in the same form. */
public record Genotype(CellGenotype normal, CellGenotype reduction) {

    public Genotype {
        Objects.requireNonNull(normal, "normal");
        Objects.requireNonNull(reduction, "reduction");
        if (normal.form() != reduction.form()) {
            throw new IllegalArgumentException("normal cell is " + normal.form() + " but reduction cell is " + reduction.form());
        }
    }

    public GenotypeForm form() {
        return normal.form();
    }

    public CellGenotype cell(CellKind kind) {
        return kind == CellKind.NORMAL ? normal : reduction;
    }
}
