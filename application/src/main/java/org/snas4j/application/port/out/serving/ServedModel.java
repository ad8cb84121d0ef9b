package org.snas4j.application.port.out.serving;

/** A loaded, exported classifier. Owns native resources until closed. */
public interface ServedModel extends AutoCloseable {

    /** Image height, width and channels the model takes. */
    int height();

    int width();

    int channels();

    int classes();

    /** The name of every class, by index, as the model's metadata records them ("0", "1", ... when it records none). */
    java.util.List<String> classNames();

    /** How the model's training brought pictures of another size to its input size. */
    org.snas4j.application.port.out.data.ImageFit imageFit();

    /**
     * Class probabilities, row-major [count, classes], of {@code count} images given as raw pixel
     * values 0..255 in NHWC order (the model normalises them itself).
     */
    float[] probabilities(float[] rawPixels, int count);

    @Override
    void close();
}
