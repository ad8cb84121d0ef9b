package org.snas4j.application.port.in.export;

import java.nio.file.Path;

/** Turns a retrained child into a model for serving. */
public interface ExportChildUseCase {

    /** Exports the newest checkpoint of {@code childRun} into {@code target} (a new directory). */
    void export(Path childRun, Path target);
}
