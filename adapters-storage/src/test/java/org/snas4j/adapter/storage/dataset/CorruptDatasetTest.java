package org.snas4j.adapter.storage.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.DatasetRequest;

/**
 * Feeds the readers corrupted variants of a valid dataset and checks, for each, that the refusal
 * names the corrupted file and the specific problem.
 */
class CorruptDatasetTest {

    private static final String TRAIN_IMAGES = FileDatasetSource.TRAIN_IMAGES;
    private static final String TRAIN_LABELS = FileDatasetSource.TRAIN_LABELS;
    private static final String TEST_IMAGES = FileDatasetSource.TEST_IMAGES;
    private static final String TEST_LABELS = FileDatasetSource.TEST_LABELS;
    /** 20 training images of 28x28. */
    private static final int TRAIN_PIXELS = 20 * 784;

    @TempDir
    Path temp;

    /**
     * @param format  "idx", "idx.gz" (every IDX file gzipped) or "cifar"
     * @param file    the file (as stored, without .gz) whose bytes {@code corrupt} replaces
     * @param problem a fragment the problem must contain
     */
    record Corruption(String description, String format, String file, UnaryOperator<byte[]> corrupt, String problem) {
        @Override
        public String toString() {
            return format + " " + file + ": " + description;
        }
    }

    private static Corruption idx(String description, String file, UnaryOperator<byte[]> corrupt, String problem) {
        return new Corruption(description, "idx", file, corrupt, problem);
    }

    private static Corruption gz(String description, String file, UnaryOperator<byte[]> corrupt, String problem) {
        return new Corruption(description, "idx.gz", file, corrupt, problem);
    }

    private static Corruption cifar(String description, String file, UnaryOperator<byte[]> corrupt, String problem) {
        return new Corruption(description, "cifar", file, corrupt, problem);
    }

    private static UnaryOperator<byte[]> truncateTo(int length) {
        return bytes -> Arrays.copyOf(bytes, length);
    }

    private static UnaryOperator<byte[]> cutLast(int count) {
        return bytes -> Arrays.copyOf(bytes, bytes.length - count);
    }

    private static UnaryOperator<byte[]> append(byte... extra) {
        return bytes -> {
            byte[] longer = Arrays.copyOf(bytes, bytes.length + extra.length);
            System.arraycopy(extra, 0, longer, bytes.length, extra.length);
            return longer;
        };
    }

    private static UnaryOperator<byte[]> setByte(int position, int value) {
        return bytes -> {
            byte[] changed = bytes.clone();
            changed[position < 0 ? bytes.length + position : position] = (byte) value;
            return changed;
        };
    }

    private static UnaryOperator<byte[]> xorByte(int position) {
        return bytes -> {
            byte[] changed = bytes.clone();
            int at = position < 0 ? bytes.length + position : position;
            changed[at] = (byte) (changed[at] ^ 0xFF);
            return changed;
        };
    }

    private static UnaryOperator<byte[]> setInt(int position, int value) {
        return bytes -> {
            byte[] changed = bytes.clone();
            ByteBuffer.wrap(changed).putInt(position, value);
            return changed;
        };
    }

    private static UnaryOperator<byte[]> replaceWith(byte[] content) {
        return bytes -> content.clone();
    }

    /** Applies {@code corrupt} to the decompressed content of a gzip file and compresses again. */
    private static UnaryOperator<byte[]> inside(UnaryOperator<byte[]> corrupt) {
        return bytes -> DatasetFixtures.gzip(corrupt.apply(DatasetFixtures.gunzip(bytes)));
    }

    private static byte[] repeat(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    static Stream<Corruption> corruptions() {
        List<Corruption> cases = new ArrayList<>();
        String wrongImagesMagic = "wrong magic number 0x%08X (expected 0x00000803 for IDX images)";
        // Truncation at every header boundary and inside the data.
        cases.add(idx("empty", TRAIN_IMAGES, truncateTo(0), "empty file (expected IDX images)"));
        for (int length : new int[] {1, 3}) {
            cases.add(idx("inside the magic", TRAIN_IMAGES, truncateTo(length),
                    "truncated header: the file ends after " + length + " of the 16 header bytes of IDX images"));
        }
        for (int length : new int[] {4, 8, 12, 15}) {
            cases.add(idx("after header field " + length / 4, TRAIN_IMAGES, truncateTo(length),
                    "truncated header: the file ends after " + length + " of the 16 header bytes of IDX images"));
        }
        for (int length : new int[] {16, 16 + 5000, 16 + TRAIN_PIXELS - 1}) {
            cases.add(idx("in the data", TRAIN_IMAGES, truncateTo(length), "truncated: header declares 20 images of 28x28 pixels (15680 bytes) but only "
                    + (length - 16) + " bytes follow the header"));
        }
        cases.add(idx("after the magic", TRAIN_LABELS, truncateTo(4), "truncated header: the file ends after 4 of the 8 header bytes of IDX labels"));
        cases.add(idx("inside the count", TRAIN_LABELS, truncateTo(6), "truncated header: the file ends after 6 of the 8 header bytes of IDX labels"));
        cases.add(idx("in the labels", TRAIN_LABELS, truncateTo(18), "truncated: header declares 20 labels (20 bytes) but only 10 bytes follow the header"));
        cases.add(idx("test images in the data", TEST_IMAGES, cutLast(100), "truncated: header declares 10 images of 28x28 pixels (7840 bytes) but only 7740"));
        cases.add(idx("appended bytes", TRAIN_IMAGES, append((byte) 1, (byte) 2, (byte) 3), "trailing garbage: 3 bytes after the 20 images of 28x28 pixels"));
        cases.add(idx("appended byte", TEST_LABELS, append((byte) 0), "trailing garbage: 1 byte after the 10 labels"));
        // Flipped magic bytes, and files swapped.
        int[] flippedMagic = {0xFF000803, 0x00FF0803, 0x0000F703, 0x000008FC};
        for (int b = 0; b < 4; b++) {
            cases.add(idx("magic byte " + b + " flipped", TRAIN_IMAGES, xorByte(b), String.format(wrongImagesMagic, flippedMagic[b])));
        }
        cases.add(idx("labels instead of images", TRAIN_IMAGES, replaceWith(DatasetFixtures.idxLabels(20)), String.format(wrongImagesMagic, 0x801)));
        cases.add(idx("images magic on labels", TEST_LABELS, setInt(0, 0x803), "wrong magic number 0x00000803 (expected 0x00000801 for IDX labels)"));
        // Counts and dimensions that disagree with the data or each other.
        cases.add(idx("count one too high", TRAIN_IMAGES, setInt(4, 21),
                "truncated: header declares 21 images of 28x28 pixels (16464 bytes) but only 15680 bytes follow the header"));
        cases.add(idx("count one too low", TRAIN_IMAGES, setInt(4, 19), "trailing garbage: 784 bytes after the 19 images of 28x28 pixels"));
        cases.add(idx("label count one too high", TRAIN_LABELS, setInt(4, 21), "truncated: header declares 21 labels (21 bytes) but only 20 bytes follow"));
        cases.add(idx("zero images", TRAIN_IMAGES, setInt(4, 0), "header declares 0 images of 28x28 pixels; every dimension must be at least 1"));
        cases.add(idx("zero columns", TEST_IMAGES, setInt(12, 0), "header declares 10 images of 28x0 pixels; every dimension must be at least 1"));
        cases.add(idx("zero labels", TEST_LABELS, setInt(4, 0), "header declares 0 labels; every dimension must be at least 1"));
        cases.add(idx("fewer labels than images", TRAIN_LABELS, replaceWith(DatasetFixtures.idxLabels(19)),
                "holds 19 labels but train-images-idx3-ubyte holds 20 images"));
        cases.add(idx("27x28 images", TEST_IMAGES, replaceWith(DatasetFixtures.idxImages(10, 27, 28)),
                "images are 27x28 pixels, expected 28x28 for mnist"));
        // Labels out of range.
        cases.add(idx("label 10", TRAIN_LABELS, setByte(8 + 3, 10), "label 10 of item 3 outside 0..9"));
        cases.add(idx("label 255", TEST_LABELS, setByte(-1, 255), "label 255 of item 9 outside 0..9"));
        // Huge declared sizes, refused before allocating.
        cases.add(idx("2^32-1 images", TRAIN_IMAGES, setInt(4, -1),
                "header declares 4294967295 images of 28x28 pixels, over 2147483639 bytes: absurd, refused"));
        cases.add(idx("every dimension 2^32-1", TRAIN_IMAGES, bytes -> setInt(12, -1).apply(setInt(8, -1).apply(setInt(4, -1).apply(bytes))),
                "header declares 4294967295 images of 4294967295x4294967295 pixels, over 2147483639 bytes: absurd, refused"));
        cases.add(idx("a million images", TRAIN_IMAGES, setInt(4, 1_000_000),
                "truncated: header declares 1000000 images of 28x28 pixels (784000000 bytes) but only 15680 bytes follow the header"));
        cases.add(idx("2^31 labels", TRAIN_LABELS, setInt(4, Integer.MIN_VALUE), "header declares 2147483648 labels, over 2147483639 bytes: absurd, refused"));
        cases.add(gz("a million images", TRAIN_IMAGES, inside(setInt(4, 1_000_000)), "gzip file can hold"));
        // The same defects inside gzip files.
        cases.add(gz("images magic on labels", TEST_LABELS, inside(setInt(0, 0x803)), "wrong magic number 0x00000803 (expected 0x00000801 for IDX labels)"));
        cases.add(gz("header cut", TRAIN_IMAGES, inside(truncateTo(10)),
                "truncated header: the decompressed data ends after 10 of the 16 header bytes of IDX images"));
        cases.add(gz("data cut", TRAIN_IMAGES, inside(truncateTo(16 + 5000)),
                "truncated: header declares 20 images of 28x28 pixels (15680 bytes) but the decompressed data holds only 5000 bytes after the header"));
        cases.add(gz("data extended", TRAIN_LABELS, inside(append(new byte[7])), "trailing garbage: 7 bytes of decompressed data after the 20 labels"));
        cases.add(gz("label 12", TRAIN_LABELS, inside(setByte(8, 12)), "label 12 of item 0 outside 0..9"));
        // Gzip garbage.
        cases.add(gz("gzip cut inside its header", TRAIN_IMAGES, truncateTo(5), "truncated gzip data: the file ends inside a gzip header"));
        cases.add(gz("gzip cut in the compressed data", TRAIN_IMAGES, bytes -> Arrays.copyOf(bytes, bytes.length / 2),
                "truncated gzip data: the compressed stream ends after"));
        cases.add(gz("gzip cut in the trailer", TEST_LABELS, cutLast(3), "truncated gzip data: the file ends inside the 8-byte gzip trailer"));
        cases.add(gz("gzip CRC flipped", TEST_IMAGES, xorByte(-8), "corrupt gzip data: CRC-32"));
        cases.add(gz("gzip size flipped", TEST_IMAGES, xorByte(-2), "decompressed bytes but the trailer says"));
        cases.add(gz("bytes after the gzip data", TRAIN_LABELS, append("JUNK!".getBytes()), "trailing garbage: 5 bytes after the end of the gzip data"));
        cases.add(gz("byte after the gzip data", TRAIN_LABELS, append((byte) 0x1f), "trailing garbage: 1 byte after the end of the gzip data"));
        cases.add(gz("garbage instead of deflate data", TRAIN_IMAGES,
                replaceWith(append(repeat(0xFF, 40)).apply(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0})),
                "corrupt gzip data (invalid block type)"));
        cases.add(gz("compressed byte flipped", TRAIN_IMAGES, xorByte(200), "corrupt gzip data"));
        cases.add(gz("unknown compression method", TRAIN_LABELS, setByte(2, 7), "unsupported gzip compression method 7"));
        cases.add(gz("reserved flag", TRAIN_LABELS, setByte(3, 0x20), "corrupt gzip header: reserved flag bits set (flags 0x20)"));
        // CIFAR-10 binary batches of 2 records each.
        cases.add(cifar("empty", "data_batch_3.bin", truncateTo(0), "empty file (expected CIFAR-10 records of 3073 bytes)"));
        cases.add(cifar("label only", "data_batch_1.bin", truncateTo(1),
                "length 1 is not a multiple of the 3073-byte record (1 label byte + 32x32x3 pixels): 0 whole records and 1 byte left over"));
        cases.add(cifar("last byte missing", "data_batch_5.bin", cutLast(1), "length 6145 is not a multiple of the 3073-byte record"));
        cases.add(cifar("in the second record", "test_batch.bin", truncateTo(3073 + 1000), ": 1 whole records and 1000 bytes left over"));
        cases.add(cifar("appended bytes", "data_batch_2.bin", append(new byte[5]), "length 6151 is not a multiple of the 3073-byte record"));
        cases.add(cifar("label 10", "data_batch_4.bin", setByte(3073, 10), "label 10 of record 1 outside 0..9"));
        cases.add(cifar("label 200", "test_batch.bin", setByte(0, 200), "label 200 of record 0 outside 0..9"));
        cases.add(cifar("gzipped", "test_batch.bin", DatasetFixtures::gzip, "gzip-compressed; CIFAR-10 batches are read uncompressed"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void refusalNamesTheFileAndTheProblem(Corruption corruption) throws IOException {
        boolean isCifar = corruption.format().equals("cifar");
        boolean gzip = corruption.format().equals("idx.gz");
        if (isCifar) {
            DatasetFixtures.writeCifarSet(temp, 2, 2);
        } else {
            DatasetFixtures.writeIdxSet(temp, gzip);
        }
        Path file = temp.resolve(gzip ? corruption.file() + ".gz" : corruption.file());
        byte[] valid = Files.readAllBytes(file);
        byte[] corrupted = corruption.corrupt().apply(valid);
        assertFalse(Arrays.equals(valid, corrupted), "the corruption changes the file");
        Files.write(file, corrupted);

        FileDatasetSource source = new FileDatasetSource(temp.resolve("no-system-set"));
        DatasetRequest request = new DatasetRequest(isCifar ? "cifar10" : "mnist", Optional.of(temp));
        InvalidInputException refusal = assertThrows(InvalidInputException.class, () -> source.load(request));

        assertEquals(file.toString(), refusal.source(), "names the corrupted file");
        assertTrue(refusal.problem().contains(corruption.problem()), "problem '" + refusal.problem() + "' should contain '" + corruption.problem() + "'");
        assertFalse(refusal.getMessage().contains("\n"), "one line");
    }
}
