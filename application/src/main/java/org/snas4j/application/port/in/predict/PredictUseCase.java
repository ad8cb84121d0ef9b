package org.snas4j.application.port.in.predict;

import java.nio.file.Path;
import java.util.List;

/** Classifies images with an exported model. */
public interface PredictUseCase {

    /**
     * @param model  an exported model directory
     * @param images an IDX image file, a CIFAR-10 binary batch or a picture
     * @param limit  classify at most this many images (0 = all)
     */
    List<Prediction> predict(Path model, Path images, int limit);
}
