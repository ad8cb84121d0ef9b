package org.snas4j.bootstrap.cli;

import java.util.Map;
import org.snas4j.application.port.out.data.ImageFit;
import org.snas4j.application.port.out.data.ImageFolderOptions;
import picocli.CommandLine.Option;

/** How {@code --dataset folder} turns a folder of pictures into images: shared by search, study and train. */
public final class ImageFolderFlags {

    private static final ImageFolderOptions D = ImageFolderOptions.DEFAULTS;

    @Option(names = "--input-size", paramLabel = "PIXELS", description = "--dataset folder: side of the square images the network "
            + "takes; pictures of another size are fitted (--image-fit); 0 = the pictures' own size, which all must share "
            + "(default: ${DEFAULT-VALUE}).")
    int inputSize = D.inputSize();

    @Option(names = "--input-channels", paramLabel = "N", description = "--dataset folder: 1 (grey) or 3 (colour) (default: ${DEFAULT-VALUE}).")
    int inputChannels = D.inputChannels();

    @Option(names = "--image-fit", paramLabel = "FIT", description = "--dataset folder: crop (shorter side to --input-size, then the "
            + "centre square) or resize (both sides, aspect ratio lost) (default: ${DEFAULT-VALUE}).")
    String fit = D.fit().id();

    @Option(names = "--test-fraction", paramLabel = "F", description = "--dataset folder without train/ and test/: share of every class "
            + "held out as the test set, the same pictures in every run (default: ${DEFAULT-VALUE}).")
    double testFraction = D.testFraction();

    @Option(names = "--skip-bad-images", description = "--dataset folder: leave out files that are no usable pictures (truncated, "
            + "not a picture, too large, a link out of the folder) with a warning, instead of stopping at the first.")
    boolean skipBadImages;

    @Option(names = "--max-image-pixels", paramLabel = "N", description = "--dataset folder: a picture whose header declares more "
            + "pixels is refused before decoding (default: ${DEFAULT-VALUE}).")
    long maxImagePixels = D.maxImagePixels();

    @Option(names = "--image-memory", paramLabel = "MB", description = "--dataset folder: decoded pictures up to this size stay in "
            + "memory, a larger folder is decoded from disk for every batch on worker threads; 0 = a quarter of the Java heap "
            + "(default: ${DEFAULT-VALUE}).")
    int memoryLimitMegabytes = D.memoryLimitMegabytes();

    /** The flags of the settings these options set, as the configurations name them. */
    static Map<String, String> flags() {
        return Map.of(ImageFolderOptions.INPUT_SIZE, "--input-size", ImageFolderOptions.INPUT_CHANNELS, "--input-channels",
                ImageFolderOptions.FIT, "--image-fit", ImageFolderOptions.TEST_FRACTION, "--test-fraction",
                ImageFolderOptions.MAX_IMAGE_PIXELS, "--max-image-pixels", ImageFolderOptions.MEMORY_LIMIT, "--image-memory");
    }

    /** @throws org.snas4j.application.InvalidSettingException naming the first setting out of range */
    public ImageFolderOptions options() {
        return new ImageFolderOptions(inputSize, inputChannels, SearchOptions.parse("--image-fit", fit, ImageFit::fromId), testFraction,
                skipBadImages, maxImagePixels, memoryLimitMegabytes);
    }
}
