package org.snas4j.application.port.out.data;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Reads images to classify from a file: an IDX image file, a CIFAR-10 binary batch, or a picture (PNG, JPEG, ...). */
public interface ImageFileReader {

    /**
     * @throws org.snas4j.application.InvalidInputException naming the file when it is none of these or damaged
     */
    Images read(Path file);

    /**
     * Raw pixel bytes (0..255) in NHWC order, and the labels when the format carries them (CIFAR-10).
     */
    record Images(int count, int height, int width, int channels, byte[] pixels, Optional<int[]> labels) {

        public Images {
            Objects.requireNonNull(pixels, "pixels");
            Objects.requireNonNull(labels, "labels");
            if ((long) count * height * width * channels != pixels.length) {
                throw new IllegalArgumentException(pixels.length + " bytes are not " + count + " images of " + height + "x" + width + "x" + channels);
            }
        }
    }
}
