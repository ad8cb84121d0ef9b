package org.snas4j.adapter.storage.dataset.folder;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;
import org.snas4j.adapter.storage.io.Problems;

/**
 * Decodes one picture with javax.imageio (PNG, JPEG, BMP, GIF, WBMP): the header first, so that a
 * picture declaring more pixels than the limit is refused before a byte of it is decoded; a decoder
 * warning (a truncated JPEG decodes to grey with one) counts as damage, not as a picture.
 */
final class PictureDecoder {

    /** Width and height as the file's header declares them. */
    record Header(int width, int height) {
        long pixels() {
            return (long) width * height;
        }

        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    private PictureDecoder() {
    }

    /** Reads only the header. */
    static Header header(Path file, long maxPixels) throws BadPicture.Problem {
        return withReader(file, maxPixels, false).header;
    }

    /** Decodes the picture after checking its header. */
    static BufferedImage decode(Path file, long maxPixels) throws BadPicture.Problem {
        return withReader(file, maxPixels, true).image;
    }

    private record Read(Header header, BufferedImage image) {
    }

    private static Read withReader(Path file, long maxPixels, boolean decode) throws BadPicture.Problem {
        try (ImageInputStream in = new FileImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new BadPicture.Problem("is not a picture (no PNG, JPEG, BMP, GIF or WBMP decoder recognises it)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                Header header = new Header(reader.getWidth(0), reader.getHeight(0));
                if (header.width() <= 0 || header.height() <= 0) {
                    throw new BadPicture.Problem("its header declares an empty picture (" + header + ")");
                }
                if (header.pixels() > maxPixels) {
                    throw new BadPicture.Problem(String.format(Locale.ROOT, "its header declares %s = %,d pixels, over the limit of %,d "
                            + "(--max-image-pixels): refused without decoding it", header, header.pixels(), maxPixels));
                }
                if (!decode) {
                    return new Read(header, null);
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new BadPicture.Problem("is damaged or truncated (" + reader.getFormatName().toUpperCase(Locale.ROOT) + " decoder: "
                            + Problems.oneLine(warnings.get(0)) + ")");
                }
                return new Read(header, image);
            } finally {
                reader.dispose();
            }
        } catch (BadPicture.Problem e) {
            throw e;
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new BadPicture.Problem("cannot be read: " + Problems.oneLine(String.valueOf(e.getMessage())));
        } catch (IOException e) {
            throw new BadPicture.Problem("cannot be decoded, truncated or damaged: " + Problems.oneLine(String.valueOf(e.getMessage())));
        } catch (RuntimeException e) {
            // javax.imageio's decoders throw unchecked exceptions on some malformed input.
            throw new BadPicture.Problem("cannot be decoded, damaged: " + Problems.oneLine(e.toString()));
        }
    }

    /**
     * The picture's pixels as HWC bytes with {@code channels} channels: grey pictures by their sample
     * values scaled to 8 bits (repeated for 3 channels), colour ones by their sRGB values (ITU-R BT.601
     * luma for 1 channel), alpha ignored.
     */
    static byte[] pixels(BufferedImage picture, int channels) {
        int width = picture.getWidth();
        int height = picture.getHeight();
        byte[] pixels = new byte[height * width * channels];
        ColorModel model = picture.getColorModel();
        if (model.getNumColorComponents() == 1 && !(model instanceof IndexColorModel)) {
            // The raw samples: getRGB would map a linear grey colour space through a gamma curve.
            Raster raster = picture.getRaster();
            double scale = 255.0 / ((1L << model.getComponentSize(0)) - 1);
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    byte value = (byte) Math.round(row[x] * scale);
                    for (int c = 0; c < channels; c++) {
                        pixels[(y * width + x) * channels + c] = value;
                    }
                }
            }
            return pixels;
        }
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            picture.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int rgb = row[x];
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int offset = (y * width + x) * channels;
                if (channels == 1) {
                    pixels[offset] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    pixels[offset] = (byte) r;
                    pixels[offset + 1] = (byte) g;
                    pixels[offset + 2] = (byte) b;
                }
            }
        }
        return pixels;
    }
}
