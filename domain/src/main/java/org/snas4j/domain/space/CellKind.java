package org.snas4j.domain.space;

/** The two kinds of cell; each kind shares one architecture matrix across all cells of that kind. */
public enum CellKind {
    NORMAL,
    REDUCTION;

    /** Lower-case name used in files and reports. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
