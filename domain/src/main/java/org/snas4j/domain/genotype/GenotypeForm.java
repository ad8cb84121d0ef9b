package org.snas4j.domain.genotype;

/** How a genotype was derived from the architecture logits. */
public enum GenotypeForm {
    /** DARTS form: each intermediate node keeps its two strongest non-none incoming edges (8 edges per cell). */
    TOP2_PER_NODE,
    /** SNAS "edge-all" form: all 14 edges keep their argmax op, none included (the form the authors retrain). */
    EDGE_ALL
}
