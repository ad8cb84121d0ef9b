package org.snas4j.adapter.storage.dataset.folder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.data.ImageFit;
import org.snas4j.application.port.out.data.ImageFolderOptions;
import org.snas4j.application.port.out.data.Normalization;
import org.snas4j.application.port.out.data.PictureFolders;
import org.snas4j.application.service.data.Augmentation;
import org.snas4j.application.service.data.BatchStream;

class ImageFolderLoaderTest {

    private final List<String> warnings = new ArrayList<>();

    private ImageFolderLoader loader() {
        return new ImageFolderLoader(warnings::add, Runtime.getRuntime().maxMemory(), DecodingWorkers.shared(), DecodingWorkers.COUNT);
    }

    /** A loader whose memory limit no folder fits: every image streams from disk. */
    private ImageFolderLoader streamingLoader() {
        return new ImageFolderLoader(warnings::add, 4, DecodingWorkers.shared(), DecodingWorkers.COUNT);
    }

    private static ImageFolderOptions options(int size, int channels, boolean skip) {
        return new ImageFolderOptions(size, channels, ImageFit.CROP, 0.25, skip, 10_000, 0);
    }

    private static Path threeClasses(Path dir) {
        return PictureFolders.write(dir, List.of("cat", "dog", "bird"), 8, 12, 12, "png", true);
    }

    @Test
    void classesAreSortedFolderNamesAndTheTestSplitIsStratifiedAndFixed(@TempDir Path dir) {
        threeClasses(dir);
        DatasetSplits splits = loader().load(dir, options(0, 3, false));

        assertEquals(List.of("bird", "cat", "dog"), splits.train().classNames());
        assertEquals(18, splits.train().size());
        assertEquals(6, splits.test().size());
        int[] testPerClass = new int[3];
        for (int i = 0; i < splits.test().size(); i++) {
            testPerClass[splits.test().label(i)]++;
        }
        assertArrayEquals(new int[] {2, 2, 2}, testPerClass, "a quarter of every class");
        assertEquals(12, splits.train().height());
        assertEquals(splits.test().fingerprint(), loader().load(dir, options(0, 3, false)).test().fingerprint(), "the same split every time");
    }

    @Test
    void aTrainAndTestFolderIsUsedAsItIsSplit(@TempDir Path dir) {
        PictureFolders.write(dir.resolve("train"), List.of("a", "b"), 4, 8, 8, "png", false);
        PictureFolders.write(dir.resolve("test"), List.of("b"), 3, 8, 8, "png", false);
        DatasetSplits splits = loader().load(dir, options(0, 1, false));
        assertEquals(8, splits.train().size());
        assertEquals(3, splits.test().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(1, splits.test().label(i), "test/b is class b of train/");
        }
    }

    @Test
    void aTestClassTheTrainingFolderLacksIsRefused(@TempDir Path dir) {
        PictureFolders.write(dir.resolve("train"), List.of("a", "b"), 2, 8, 8, "png", false);
        PictureFolders.write(dir.resolve("test"), List.of("c"), 1, 8, 8, "png", false);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader().load(dir, options(0, 1, false)));
        assertEquals(dir.resolve("test").resolve("c").toString(), e.source());
    }

    @Test
    void picturesAreResizedOrCentreCroppedToTheInputSizeInGreyOrColour(@TempDir Path dir) throws IOException {
        Path folder = dir.resolve("data");
        PictureFolders.write(folder, List.of("a", "b"), 2, 40, 20, "jpg", true);
        PictureFolders.write(folder, List.of("c"), 2, 16, 16, "png", false);
        DatasetSplits grey = loader().load(folder, options(16, 1, false));
        DatasetSplits colour = loader().load(folder, new ImageFolderOptions(16, 3, ImageFit.RESIZE, 0.25, false, 10_000, 0));
        assertEquals(1, grey.train().channels());
        assertEquals(16, grey.train().height());
        assertEquals(3, colour.train().channels());
        assertEquals(16, colour.train().width());
    }

    @Test
    void centreCropKeepsTheMiddleAndResizingAveragesEveryPixel() {
        // A 2x4 grey picture: columns 0 and 3 black, 1 and 2 white; cropped to 2x2 it keeps the white middle.
        byte[] picture = {0, (byte) 255, (byte) 255, 0, 0, (byte) 255, (byte) 255, 0};
        assertArrayEquals(new byte[] {(byte) 255, (byte) 255, (byte) 255, (byte) 255}, Resampler.fit(picture, 2, 4, 1, 2, ImageFit.CROP));
        // Resized to 1x1, a picture black on the left and white on the right is mid grey: every pixel counts
        // (antialiased), with symmetric weights.
        byte[] halves = {0, 0, (byte) 255, (byte) 255, 0, 0, (byte) 255, (byte) 255};
        assertEquals(128, Resampler.resize(halves, 2, 4, 1, 1, 1)[0] & 0xFF, 1);
        // Enlarging a constant picture keeps it constant.
        byte[] constant = new byte[9];
        Arrays.fill(constant, (byte) 77);
        for (byte b : Resampler.resize(constant, 3, 3, 1, 7, 5)) {
            assertEquals(77, b & 0xFF);
        }
    }

    @Test
    void sixteenBitGreyAndPalettePicturesKeepTheirValues(@TempDir Path dir) throws IOException {
        BufferedImage sixteen = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        sixteen.getRaster().setSample(0, 0, 0, 65535);
        sixteen.getRaster().setSample(1, 0, 0, 32896);
        assertArrayEquals(new byte[] {(byte) 255, (byte) 128}, PictureDecoder.pixels(sixteen, 1));
        BufferedImage grey = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 100);
        assertArrayEquals(new byte[] {100, 100, 100}, PictureDecoder.pixels(grey, 3), "grey repeated, no gamma curve");
        BufferedImage rgb = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0xFF8000);
        assertArrayEquals(new byte[] {(byte) Math.round(0.299 * 255 + 0.587 * 128)}, PictureDecoder.pixels(rgb, 1), "BT.601 luma");
    }

    @Test
    void streamingFromDiskGivesTheSameImagesBatchesAndFingerprintAsMemory(@TempDir Path dir) {
        threeClasses(dir);
        DatasetSplits inMemory = loader().load(dir, options(8, 3, false));
        DatasetSplits streamed = streamingLoader().load(dir, options(8, 3, false));

        assertTrue(streamed.train().pixelSource().isPresent(), "streamed");
        assertFalse(inMemory.train().pixelSource().isPresent(), "in memory");
        assertEquals(inMemory.train().fingerprint(), streamed.train().fingerprint());
        assertEquals(inMemory.test().fingerprint(), streamed.test().fingerprint());
        Normalization normalization = Normalization.of(inMemory.train());
        assertEquals(normalization, Normalization.of(streamed.train()));
        BatchStream a = BatchStream.training(inMemory.train(), 4, normalization, Augmentation.cropAndFlip(), 5);
        BatchStream b = BatchStream.training(streamed.train(), 4, normalization, Augmentation.cropAndFlip(), 5);
        var left = a.epoch(1);
        var right = b.epoch(1);
        while (left.hasNext()) {
            Batch x = left.next();
            Batch y = right.next();
            assertArrayEquals(x.images(), y.images());
            assertArrayEquals(x.labels(), y.labels());
        }
        assertFalse(right.hasNext());
    }

    @Test
    void aStreamedPictureThatChangesOnDiskIsRefusedNotReadSilently(@TempDir Path dir) throws IOException {
        threeClasses(dir);
        ImageDataset train = streamingLoader().load(dir, options(8, 3, false)).train();
        Path victim = dir.resolve("cat").resolve("cat-000.png");
        PictureFolders.picture(victim, 1, 30, 30, "png", true, 99);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> train.forEachImage((i, image) -> { }));
        assertEquals(victim.toString(), e.source());
        assertTrue(e.problem().contains("changed"), e.problem());
    }

    // ---- bad input: one line naming the file, or skipped with a warning ----

    @Test
    void aTruncatedPngIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        threeClasses(dir);
        Path file = dir.resolve("dog").resolve("dog-003.png");
        truncate(file);
        assertRefused(dir, file, "truncated");
    }

    @Test
    void aTruncatedJpegIsRefusedNotDecodedToGrey(@TempDir Path dir) throws IOException {
        PictureFolders.write(dir, List.of("a", "b"), 3, 32, 32, "jpg", true);
        Path file = dir.resolve("b").resolve("b-001.jpg");
        truncate(file);
        assertRefused(dir, file, "truncated");
    }

    @Test
    void aFileThatIsNoPictureIsRefused(@TempDir Path dir) throws IOException {
        threeClasses(dir);
        Path file = Files.writeString(dir.resolve("cat").resolve("notes.jpg"), "not a picture", StandardCharsets.UTF_8);
        assertRefused(dir, file, "is not a picture");
    }

    @Test
    void anUnreadableFileIsRefused(@TempDir Path dir) throws IOException {
        threeClasses(dir);
        Path link = Files.createSymbolicLink(dir.resolve("cat").resolve("gone.png"), dir.resolve("cat").resolve("missing.png"));
        assertRefused(dir, link, "cannot be read");
    }

    @Test
    void aDecompressionBombIsRefusedByItsHeaderBeforeDecoding(@TempDir Path dir) throws IOException {
        threeClasses(dir);
        // 100,000 x 100,000 pixels declared; the data would take 10 GB decoded but the file is a few bytes.
        Path file = Files.write(dir.resolve("bird").resolve("bomb.png"), pngHeaderOnly(100_000, 100_000));
        InvalidInputException e = assertRefused(dir, file, "over the limit");
        assertTrue(e.problem().contains("100000x100000"), e.problem());
        assertTrue(e.problem().contains("--max-image-pixels"), e.problem());
    }

    @Test
    void mixedSizesWithoutResizingAreRefusedNamingTheOddOne(@TempDir Path dir) {
        threeClasses(dir);
        Path odd = PictureFolders.picture(dir.resolve("dog").resolve("big.png"), 1, 20, 12, "png", true, 3);
        InvalidInputException e = assertRefused(dir, odd, "20x12");
        assertTrue(e.problem().contains("12x12") && e.problem().contains("--input-size"), e.problem());
        DatasetSplits resized = loader().load(dir, options(12, 3, false));
        assertEquals(25, resized.train().size() + resized.test().size(), "with an input size every picture is resized");
    }

    @Test
    void aSymbolicLinkLeadingOutOfTheFolderIsRefused(@TempDir Path dir) throws IOException {
        Path folder = threeClasses(dir.resolve("data"));
        Path outside = PictureFolders.picture(dir.resolve("secret.png"), 0, 12, 12, "png", true, 1);
        Path link = Files.createSymbolicLink(folder.resolve("cat").resolve("link.png"), outside);
        assertRefused(folder, link, "leads out of the folder");
        Path linkedClass = Files.createSymbolicLink(folder.resolve("eel"), dir);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader().load(folder, options(0, 3, true)));
        assertEquals(linkedClass.toString(), e.source());
    }

    @Test
    void aSymbolicLinkInsideTheFolderIsFollowed(@TempDir Path dir) throws IOException {
        threeClasses(dir);
        Files.createSymbolicLink(dir.resolve("cat").resolve("again.png"), dir.resolve("dog").resolve("dog-000.png"));
        DatasetSplits splits = loader().load(dir, options(0, 3, false));
        assertEquals(25, splits.train().size() + splits.test().size());
    }

    @Test
    void anEmptyClassFolderIsRefused(@TempDir Path dir) throws IOException {
        threeClasses(dir);
        Path empty = Files.createDirectories(dir.resolve("eel"));
        Files.writeString(empty.resolve(".DS_Store"), "hidden files do not count");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader().load(dir, options(0, 3, true)));
        assertEquals(empty.toString(), e.source());
        assertTrue(e.problem().contains("empty class folder"), e.problem());
    }

    @Test
    void aSingleClassIsRefused(@TempDir Path dir) {
        PictureFolders.write(dir, List.of("only"), 4, 8, 8, "png", false);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader().load(dir, options(0, 1, false)));
        assertEquals(dir.toString(), e.source());
        assertTrue(e.problem().contains("single class folder, 'only'"), e.problem());
    }

    @Test
    void aFolderWithoutClassFoldersIsRefused(@TempDir Path dir) throws IOException {
        PictureFolders.picture(dir.resolve("loose.png"), 0, 8, 8, "png", false, 1);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader().load(dir, options(0, 1, false)));
        assertTrue(e.problem().contains("no class folders"), e.problem());
    }

    @Test
    void skippingBadPicturesWarnsWithTheCountAndTheFirstNamesAndKeepsTheRest(@TempDir Path dir) throws IOException {
        Path clean = threeClasses(dir.resolve("clean"));
        Path dirty = threeClasses(dir.resolve("dirty"));
        truncate(dirty.resolve("dog").resolve("dog-003.png"));
        Files.writeString(dirty.resolve("cat").resolve("notes.txt"), "not a picture");
        Files.write(dirty.resolve("bird").resolve("bomb.png"), pngHeaderOnly(100_000, 100_000));
        Files.createSymbolicLink(dirty.resolve("bird").resolve("out.png"), dir.resolve("clean").resolve("cat").resolve("cat-000.png"));
        Files.delete(clean.resolve("dog").resolve("dog-003.png"));

        DatasetSplits splits = loader().load(dirty, options(0, 3, true));

        assertEquals(1, warnings.size(), warnings.toString());
        String warning = warnings.get(0);
        assertTrue(warning.contains("skipped 4 of 27 files"), warning);
        assertTrue(warning.contains("and 1 more"), warning);
        assertTrue(warning.contains("out.png (is a symbolic link that leads out"), warning);
        DatasetSplits reference = loader().load(clean, options(0, 3, false));
        assertEquals(reference.train().size(), splits.train().size());
        assertEquals(reference.train().fingerprint(), splits.train().fingerprint(), "exactly the good pictures, as if the bad were absent");
    }

    @Test
    void skippingEveryPictureOfAClassStillRefusesTheFolder(@TempDir Path dir) throws IOException {
        PictureFolders.write(dir, List.of("a", "b"), 2, 8, 8, "png", false);
        for (int i = 0; i < 2; i++) {
            Files.writeString(dir.resolve("b").resolve(String.format("b-%03d.png", i)), "garbage");
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader().load(dir, options(0, 1, true)));
        assertEquals(dir.resolve("b").toString(), e.source());
        assertTrue(e.problem().contains("no usable pictures left"), e.problem());
    }

    private InvalidInputException assertRefused(Path folder, Path file, String problem) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> loader().load(folder, options(0, 3, false)));
        assertEquals(file.toString(), e.source(), e.getMessage());
        assertTrue(e.problem().contains(problem), e.problem());
        assertFalse(e.getMessage().contains("\n"), "one line");
        return e;
    }

    private static void truncate(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    }

    /** A PNG whose IHDR declares {@code width x height} grey pixels, followed by a tiny IDAT and IEND. */
    static byte[] pngHeaderOnly(int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(header);
        h.writeInt(width);
        h.writeInt(height);
        h.write(new byte[] {8, 0, 0, 0, 0});
        chunk(out, "IHDR", header.toByteArray());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] data = new byte[128];
        chunk(out, "IDAT", Arrays.copyOf(data, deflater.deflate(data)));
        chunk(out, "IEND", new byte[0]);
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    @Test
    void theBombFixtureIsAPngImageIoRecognises(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("bomb.png"), pngHeaderOnly(3, 2));
        assertEquals(new PictureDecoder.Header(3, 2), PictureDecoder.header(file, 10));
        assertTrue(ImageIO.getImageReadersBySuffix("png").hasNext());
    }
}
