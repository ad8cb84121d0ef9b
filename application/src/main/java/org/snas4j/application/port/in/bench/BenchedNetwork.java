package org.snas4j.application.port.in.bench;

/** Which network a benchmark times. */
public enum BenchedNetwork {
    /** The search supernet: every candidate operation on every edge, weighted by Z (uniform here). */
    SUPERNET,
    /** The evaluation network of one genotype, as {@code train} builds it (no auxiliary head). */
    CHILD
}
