package org.snas4j.application.port.out.serving;

import java.nio.file.Path;

/** Opens models written by a {@link ModelExporter}. */
public interface ServedModelLoader {

    /**
     * @throws org.snas4j.application.InvalidInputException naming the directory when it holds no model of this kind
     */
    ServedModel load(Path directory);
}
