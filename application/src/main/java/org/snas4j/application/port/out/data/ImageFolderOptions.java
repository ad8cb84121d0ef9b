package org.snas4j.application.port.out.data;

import java.util.Objects;
import org.snas4j.application.InvalidSettingException;

/**
 * How a folder of pictures ({@code --dataset folder}) becomes a dataset. Every setting but the
 * memory limit changes the images the network sees, so runs record them and resume with them.
 *
 * @param inputSize     side of the square images the network takes; 0 keeps the pictures' own size (all must share it)
 * @param inputChannels 1 (grey, BT.601 luma of colour pictures) or 3 (RGB, grey pictures repeated)
 * @param fit           how pictures of another size reach {@code inputSize}
 * @param testFraction  share of each class held out as the test set when the folder has no train/ and test/ split
 * @param skipBadImages leave out pictures that cannot be used (with a warning naming the first few) instead of refusing the folder
 * @param maxImagePixels a picture whose header declares more pixels is refused before it is decoded (decompression bombs)
 * @param memoryLimitMegabytes decoded images up to this size are held in memory, larger folders are decoded from disk for
 *                      every batch; 0 = a quarter of the Java heap. Does not change any result.
 */
public record ImageFolderOptions(int inputSize, int inputChannels, ImageFit fit, double testFraction, boolean skipBadImages,
                                 long maxImagePixels, int memoryLimitMegabytes) {

    /** The settings' names in refusals, as a run's configuration records them. */
    public static final String INPUT_SIZE = "dataset.folder.inputSize";
    public static final String INPUT_CHANNELS = "dataset.folder.inputChannels";
    public static final String FIT = "dataset.folder.fit";
    public static final String TEST_FRACTION = "dataset.folder.testFraction";
    public static final String MAX_IMAGE_PIXELS = "dataset.folder.maxImagePixels";
    public static final String MEMORY_LIMIT = "dataset.folder.memoryLimitMegabytes";

    public static final int DEFAULT_CHANNELS = 3;
    public static final double DEFAULT_TEST_FRACTION = 0.2;
    /** 50 megapixels: a 7000x7000 photograph passes, a 50000x50000 header does not. Decoded, it is 150 MB of RGB. */
    public static final long DEFAULT_MAX_IMAGE_PIXELS = 50_000_000L;
    public static final ImageFolderOptions DEFAULTS = new ImageFolderOptions(0, DEFAULT_CHANNELS, ImageFit.CROP, DEFAULT_TEST_FRACTION,
            false, DEFAULT_MAX_IMAGE_PIXELS, 0);

    /** @throws InvalidSettingException naming the first setting out of range */
    public ImageFolderOptions {
        Objects.requireNonNull(fit, "fit");
        if (inputSize < 0) {
            throw new InvalidSettingException(INPUT_SIZE, "must be zero (the pictures' own size) or positive, got " + inputSize);
        }
        if (inputChannels != 1 && inputChannels != 3) {
            throw new InvalidSettingException(INPUT_CHANNELS, "must be 1 (grey) or 3 (colour), got " + inputChannels);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new InvalidSettingException(TEST_FRACTION, "must be strictly between 0 and 1, got " + testFraction);
        }
        if (maxImagePixels <= 0) {
            throw new InvalidSettingException(MAX_IMAGE_PIXELS, "must be positive, got " + maxImagePixels);
        }
        if (memoryLimitMegabytes < 0) {
            throw new InvalidSettingException(MEMORY_LIMIT, "must be zero (a quarter of the heap) or positive, got " + memoryLimitMegabytes);
        }
    }
}
