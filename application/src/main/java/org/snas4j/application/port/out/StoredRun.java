package org.snas4j.application.port.out;

import org.snas4j.application.search.Provenance;
import org.snas4j.application.search.SearchConfiguration;

/** The configuration and provenance a run directory was started with. */
public record StoredRun(SearchConfiguration configuration, Provenance provenance) {
}
