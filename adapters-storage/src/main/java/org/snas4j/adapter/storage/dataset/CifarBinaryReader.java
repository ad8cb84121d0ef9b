package org.snas4j.adapter.storage.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snas4j.application.InvalidInputException;

/**
 * Reads CIFAR-10 binary batches: records of one label byte followed by a 32x32 image stored
 * channel-planar (1024 red, 1024 green, 1024 blue bytes, each plane row-major), converted to the
 * interleaved NHWC layout of {@link org.snas4j.application.port.out.data.ImageDataset}.
 */
final class CifarBinaryReader {

    static final int SIDE = 32;
    static final int CHANNELS = 3;
    static final int PLANE = SIDE * SIDE;
    static final int IMAGE_BYTES = PLANE * CHANNELS;
    static final int RECORD_BYTES = 1 + IMAGE_BYTES;
    static final int CLASSES = 10;

    private CifarBinaryReader() {
    }

    /** The number of records in {@code file}, after checking that its length makes whole records. */
    static int recordCount(Path file) {
        long length;
        try {
            length = Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e, e);
        }
        if (length == 0) {
            throw new InvalidInputException(file, "empty file (expected CIFAR-10 records of " + RECORD_BYTES + " bytes)");
        }
        if (looksGzipped(file)) {
            throw new InvalidInputException(file, "gzip-compressed; CIFAR-10 batches are read uncompressed (extract cifar-10-binary.tar.gz)");
        }
        if (length % RECORD_BYTES != 0) {
            throw new InvalidInputException(file, "length " + length + " is not a multiple of the " + RECORD_BYTES
                    + "-byte record (1 label byte + 32x32x3 pixels): " + length / RECORD_BYTES + " whole records and "
                    + IdxReader.bytes(length % RECORD_BYTES) + " left over");
        }
        if (length / RECORD_BYTES * IMAGE_BYTES > IdxReader.MAX_DATA_BYTES) {
            throw new InvalidInputException(file, "length " + length + " holds more than " + IdxReader.MAX_DATA_BYTES + " pixel bytes: absurd, refused");
        }
        return (int) (length / RECORD_BYTES);
    }

    /**
     * Reads {@code records} records (as counted by {@link #recordCount}) into {@code pixels} (NHWC)
     * and {@code labels}, starting at image {@code first}.
     */
    static void readInto(Path file, int records, byte[] pixels, int[] labels, int first) {
        byte[] record = new byte[RECORD_BYTES];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (int r = 0; r < records; r++) {
                int read = in.readNBytes(record, 0, RECORD_BYTES);
                if (read < RECORD_BYTES) {
                    throw new InvalidInputException(file, "truncated: record " + r + " of " + records + " ends after " + read + " of "
                            + RECORD_BYTES + " bytes (the file shrank while being read)");
                }
                int label = record[0] & 0xFF;
                if (label >= CLASSES) {
                    throw new InvalidInputException(file, "label " + label + " of record " + r + " outside 0.." + (CLASSES - 1));
                }
                labels[first + r] = label;
                int target = (first + r) * IMAGE_BYTES;
                for (int p = 0; p < PLANE; p++) {
                    for (int c = 0; c < CHANNELS; c++) {
                        pixels[target + p * CHANNELS + c] = record[1 + c * PLANE + p];
                    }
                }
            }
            if (in.read() >= 0) {
                throw new InvalidInputException(file, "trailing garbage: the file grew beyond its " + records + " records while being read");
            }
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e, e);
        }
    }

    private static boolean looksGzipped(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            // A CIFAR record starting 1f would carry label 31: never valid, so this test cannot misfire.
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e, e);
        }
    }
}
