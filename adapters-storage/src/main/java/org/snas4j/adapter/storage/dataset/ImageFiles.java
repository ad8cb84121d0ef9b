package org.snas4j.adapter.storage.dataset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.ImageFileReader;

/**
 * Reads images to classify, telling the format from the content: IDX image files (raw or gzip, as
 * MNIST and Fashion-MNIST ship them), pictures javax.imageio decodes (PNG, JPEG, BMP, GIF; grayscale
 * ones as one channel, others as RGB), and otherwise CIFAR-10 binary batches (labels included).
 */
public final class ImageFiles implements ImageFileReader {

    @Override
    public Images read(Path file) {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int read = in.readNBytes(head, 0, head.length);
            if (read < head.length) {
                throw new InvalidInputException(file, "too short to hold an image (" + IdxReader.bytes(read) + ")");
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
        boolean gzip = (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
        boolean idx = head[0] == 0 && head[1] == 0 && head[2] == 0x08;
        if (gzip || idx) {
            IdxReader.Images images = IdxReader.readImages(DataFile.of(file));
            return new Images(images.count(), images.rows(), images.columns(), 1, images.pixels(), Optional.empty());
        }
        BufferedImage picture = picture(file);
        if (picture != null) {
            return fromPicture(picture);
        }
        int records = CifarBinaryReader.recordCount(file);
        byte[] pixels = new byte[records * CifarBinaryReader.IMAGE_BYTES];
        int[] labels = new int[records];
        CifarBinaryReader.readInto(file, records, pixels, labels, 0);
        return new Images(records, CifarBinaryReader.SIDE, CifarBinaryReader.SIDE, CifarBinaryReader.CHANNELS, pixels, Optional.of(labels));
    }

    private static BufferedImage picture(Path file) {
        try {
            return ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot decode the picture: " + e.getMessage(), e);
        }
    }

    private static Images fromPicture(BufferedImage picture) {
        int height = picture.getHeight();
        int width = picture.getWidth();
        boolean gray = picture.getColorModel().getNumColorComponents() == 1;
        int channels = gray ? 1 : 3;
        byte[] pixels = new byte[height * width * channels];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int offset = (y * width + x) * channels;
                if (gray) {
                    pixels[offset] = (byte) picture.getRaster().getSample(x, y, 0);
                } else {
                    int rgb = picture.getRGB(x, y);
                    pixels[offset] = (byte) (rgb >> 16);
                    pixels[offset + 1] = (byte) (rgb >> 8);
                    pixels[offset + 2] = (byte) rgb;
                }
            }
        }
        return new Images(1, height, width, channels, pixels, Optional.empty());
    }
}
