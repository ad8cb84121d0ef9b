package org.snas4j.adapter.storage.dataset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Small valid IDX and CIFAR-10 files whose every byte the tests can predict. */
final class DatasetFixtures {

    static final int TRAIN_COUNT = 20;
    static final int TEST_COUNT = 10;
    static final int SIDE = 28;

    private DatasetFixtures() {
    }

    /** The pixel the fixtures put at (y, x) of image i: distinct per image. */
    static int idxPixel(int image, int y, int x) {
        return (image * 31 + y * 7 + x * 3) & 0xFF;
    }

    static int label(int image) {
        return (image * 3) % 10;
    }

    static byte[] idxImages(int count, int rows, int columns) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + count * rows * columns);
        buffer.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(columns);
        for (int i = 0; i < count; i++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < columns; x++) {
                    buffer.put((byte) idxPixel(i, y, x));
                }
            }
        }
        return buffer.array();
    }

    static byte[] idxLabels(int count) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + count);
        buffer.putInt(IdxReader.LABELS_MAGIC).putInt(count);
        for (int i = 0; i < count; i++) {
            buffer.put((byte) label(i));
        }
        return buffer.array();
    }

    /** Content of one of the four IDX files by name. */
    static byte[] idxFile(String name) {
        int count = name.startsWith("train") ? TRAIN_COUNT : TEST_COUNT;
        return name.contains("images") ? idxImages(count, SIDE, SIDE) : idxLabels(count);
    }

    /** Writes the four IDX files, gzip-compressed with .gz names or raw. */
    static Path writeIdxSet(Path directory, boolean gzip) throws IOException {
        Files.createDirectories(directory);
        for (String name : FileDatasetSource.IDX_FILES) {
            byte[] content = idxFile(name);
            Files.write(directory.resolve(gzip ? name + ".gz" : name), gzip ? gzip(content) : content);
        }
        return directory;
    }

    static int cifarValue(int image, int channel, int y, int x) {
        return (image * 17 + channel * 85 + y * 5 + x) & 0xFF;
    }

    /** {@code count} CIFAR records for images first..first+count-1, channel-planar as in the real files. */
    static byte[] cifarRecords(int first, int count) {
        byte[] records = new byte[count * CifarBinaryReader.RECORD_BYTES];
        for (int r = 0; r < count; r++) {
            int image = first + r;
            int base = r * CifarBinaryReader.RECORD_BYTES;
            records[base] = (byte) label(image);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        records[base + 1 + c * 1024 + y * 32 + x] = (byte) cifarValue(image, c, y, x);
                    }
                }
            }
        }
        return records;
    }

    /** Five training batches of {@code perBatch} records (images numbered across batches) and a test batch of {@code test}. */
    static Path writeCifarSet(Path directory, int perBatch, int test) throws IOException {
        Files.createDirectories(directory);
        for (int b = 0; b < 5; b++) {
            Files.write(directory.resolve(FileDatasetSource.CIFAR_TRAIN_FILES.get(b)), cifarRecords(b * perBatch, perBatch));
        }
        Files.write(directory.resolve(FileDatasetSource.CIFAR_TEST_FILE), cifarRecords(1000, test));
        return directory;
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] gunzip(byte[] content) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(content))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An in-memory file for reader-level tests. */
    static DataFile inMemory(String name, byte[] content) {
        return new DataFile() {
            @Override
            public String source() {
                return name;
            }

            @Override
            public long length() {
                return content.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(content);
            }
        };
    }
}
