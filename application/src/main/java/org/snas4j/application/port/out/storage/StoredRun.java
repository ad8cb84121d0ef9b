package org.snas4j.application.port.out.storage;

import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.search.SearchConfiguration;

/** The configuration and provenance a run directory was started with. */
public record StoredRun(SearchConfiguration configuration, Provenance provenance) {
}
