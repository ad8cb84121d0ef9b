package org.snas4j.application.port.in.predict;

import java.nio.file.Path;
import org.snas4j.application.port.out.device.Device;
import java.util.List;
import org.snas4j.application.port.in.predict.Predictions;

/** Classifies images with an exported model. */
public interface PredictUseCase {

    /**
     * @param model  an exported model directory
     * @param images an IDX image file, a CIFAR-10 binary batch or a picture
     * @param limit  classify at most this many images (0 = all)
     * @param device where the model runs
     * @param threads TensorFlow ops run at once; 0 = one per core
     */
    Predictions predict(Path model, Path images, int limit, Device device, int threads);

    /**
     * Classifies the pictures of a folder with one sub-folder per class (its test/ part when it is
     * split into train/ and test/), brought to the model's input as its training brought them; the
     * folder names are the labels, matched to the model's class names.
     *
     * @param skipBadImages leave out files that are no usable pictures, with a warning, instead of refusing the folder
     */
    Predictions predictFolder(Path model, Path folder, boolean skipBadImages, int limit, Device device, int threads);
}
