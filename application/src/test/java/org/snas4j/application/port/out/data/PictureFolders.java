package org.snas4j.application.port.out.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Synthetic image folders for tests: one sub-folder per class of small pictures a tiny network can
 * tell apart (class k is a bright bar at an angle of k quarter turns on noise).
 */
public final class PictureFolders {

    private PictureFolders() {
    }

    /** {@code perClass} pictures of {@code width x height} in {@code root/<class>/<class>-NNN.<format>} for every class. */
    public static Path write(Path root, List<String> classes, int perClass, int width, int height, String format, boolean colour) {
        for (int k = 0; k < classes.size(); k++) {
            Path folder = root.resolve(classes.get(k));
            for (int i = 0; i < perClass; i++) {
                picture(folder.resolve(String.format("%s-%03d.%s", classes.get(k), i, format)), k, width, height, format, colour,
                        31L * k + i);
            }
        }
        return root;
    }

    /** One picture of class {@code label}. */
    public static Path picture(Path file, int label, int width, int height, String format, boolean colour, long seed) {
        BufferedImage image = new BufferedImage(width, height, colour ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        SplittableRandom random = new SplittableRandom(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean bar = switch (label % 4) {
                    case 0 -> Math.abs(y - height / 2) <= height / 8;
                    case 1 -> Math.abs(x - width / 2) <= width / 8;
                    case 2 -> Math.abs(x * height - y * width) <= width * height / 8;
                    default -> Math.abs((width - 1 - x) * height - y * width) <= width * height / 8;
                };
                int value = (bar ? 190 : 30) + random.nextInt(40);
                int rgb = colour ? (value << 16) | ((255 - value) << 8) | (label * 60 % 256) : value;
                if (colour) {
                    image.setRGB(x, y, rgb);
                } else {
                    image.getRaster().setSample(x, y, 0, value);
                }
            }
        }
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalArgumentException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
