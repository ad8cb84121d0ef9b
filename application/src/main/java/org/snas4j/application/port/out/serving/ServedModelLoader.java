package org.snas4j.application.port.out.serving;

import java.nio.file.Path;
import org.snas4j.application.port.out.device.Device;

/** Opens models written by a {@link ModelExporter}. */
public interface ServedModelLoader {

    /**
     * @param device  where the model runs
     * @param threads TensorFlow ops run at once; 0 = one per core
     * @throws org.snas4j.application.InvalidInputException naming the directory when it holds no model of this kind
     */
    ServedModel load(Path directory, Device device, int threads);
}
