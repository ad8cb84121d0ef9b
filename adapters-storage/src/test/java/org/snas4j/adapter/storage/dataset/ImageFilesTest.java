package org.snas4j.adapter.storage.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.ImageFileReader;

/** The images predict reads: IDX (raw and gzip), CIFAR-10 batches with labels, grayscale and colour pictures. */
class ImageFilesTest {

    private final ImageFiles reader = new ImageFiles();

    @Test
    void idxImagesRawAndGzipped(@TempDir Path dir) throws Exception {
        byte[] pixels = {1, 2, 3, 4, 5, 6, 7, 8};
        ByteArrayOutputStream idx = new ByteArrayOutputStream();
        idx.write(new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 2});
        idx.write(pixels);
        Path raw = Files.write(dir.resolve("images-idx3-ubyte"), idx.toByteArray());
        Path gzipped = dir.resolve("images-idx3-ubyte.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
            out.write(idx.toByteArray());
        }
        for (Path file : new Path[] {raw, gzipped}) {
            ImageFileReader.Images images = reader.read(file);
            assertEquals(2, images.count());
            assertEquals(1, images.channels());
            assertArrayEquals(pixels, images.pixels());
            assertEquals(Optional.empty().isPresent(), images.labels().isPresent());
        }
    }

    @Test
    void cifarBatchesCarryTheirLabelsAndBecomeNhwc(@TempDir Path dir) throws Exception {
        byte[] record = new byte[1 + 3072];
        record[0] = 7;
        record[1] = 10;          // red plane, pixel 0
        record[1 + 1024] = 20;   // green plane, pixel 0
        record[1 + 2048] = 30;   // blue plane, pixel 0
        ImageFileReader.Images images = reader.read(Files.write(dir.resolve("test_batch.bin"), record));
        assertEquals(1, images.count());
        assertEquals(32, images.height());
        assertArrayEquals(new int[] {7}, images.labels().orElseThrow());
        assertArrayEquals(new byte[] {10, 20, 30}, java.util.Arrays.copyOf(images.pixels(), 3));
    }

    @Test
    void picturesGrayAsOneChannelColourAsThree(@TempDir Path dir) throws Exception {
        BufferedImage gray = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(2, 1, 0, 201);
        Path grayFile = dir.resolve("gray.png");
        ImageIO.write(gray, "png", grayFile.toFile());
        ImageFileReader.Images g = reader.read(grayFile);
        assertEquals(1, g.channels());
        assertEquals(201, g.pixels()[1 * 3 + 2] & 0xFF);

        BufferedImage colour = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        colour.setRGB(1, 0, 0x102030);
        Path colourFile = dir.resolve("colour.png");
        ImageIO.write(colour, "png", colourFile.toFile());
        ImageFileReader.Images c = reader.read(colourFile);
        assertEquals(3, c.channels());
        assertArrayEquals(new byte[] {0x10, 0x20, 0x30}, java.util.Arrays.copyOfRange(c.pixels(), 3, 6));
    }

    @Test
    void somethingElseIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not an image at all");
        assertEquals(text.toString(), assertThrows(InvalidInputException.class, () -> reader.read(text)).source());
        Path missing = dir.resolve("missing.png");
        assertEquals(missing.toString(), assertThrows(InvalidInputException.class, () -> reader.read(missing)).source());
    }
}
