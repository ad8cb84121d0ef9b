package org.snas4j.adapter.storage.dataset;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.snas4j.application.InvalidInputException;

/**
 * Reads IDX files (the MNIST format), raw or gzip-compressed (recognised by the 1f 8b magic, not
 * the name). Unsigned-byte images (magic 0x00000803: count, rows, columns) and labels (0x00000801:
 * count), big-endian. Refuses, before allocating anything, declared sizes the file cannot hold;
 * then insists that the data ends exactly where the header says.
 */
final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** Java arrays hold at most about 2^31 bytes. */
    static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;
    /** Deflate cannot expand data more than about 1032:1, so a gzip file holds at most this many bytes per stored byte. */
    static final long DEFLATE_MAX_RATIO = 1032;

    /** Images as stored: row-major, one byte per pixel. */
    record Images(int count, int rows, int columns, byte[] pixels) {
    }

    private enum Kind {
        IMAGES(IMAGES_MAGIC, 3, "images"),
        LABELS(LABELS_MAGIC, 1, "labels");

        final int magic;
        final int dimensions;
        final String noun;

        Kind(int magic, int dimensions, String noun) {
            this.magic = magic;
            this.dimensions = dimensions;
            this.noun = noun;
        }

        int headerBytes() {
            return 4 + 4 * dimensions;
        }
    }

    private record Content(long[] dimensions, byte[] data) {
    }

    private IdxReader() {
    }

    static Images readImages(DataFile file) {
        Content content = read(file, Kind.IMAGES);
        return new Images((int) content.dimensions[0], (int) content.dimensions[1], (int) content.dimensions[2], content.data);
    }

    /** Labels as class indices, each checked to lie in 0..classes-1. */
    static int[] readLabels(DataFile file, int classes) {
        byte[] data = read(file, Kind.LABELS).data;
        int[] labels = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            labels[i] = data[i] & 0xFF;
            if (labels[i] >= classes) {
                throw new InvalidInputException(file.source(), "label " + labels[i] + " of item " + i + " outside 0.." + (classes - 1));
            }
        }
        return labels;
    }

    private static Content read(DataFile file, Kind kind) {
        try {
            long length = file.length();
            if (length == 0) {
                throw new InvalidInputException(file.source(), "empty file (expected IDX " + kind.noun + ")");
            }
            try (InputStream stored = new BufferedInputStream(file.open(), 1 << 16)) {
                stored.mark(2);
                boolean gzip = stored.read() == 0x1f && stored.read() == 0x8b;
                stored.reset();
                try (InputStream in = gzip ? new StrictGzipInputStream(stored) : stored) {
                    return parse(file, kind, in, length, gzip);
                }
            }
        } catch (GzipFormatException e) {
            throw new InvalidInputException(file.source(), e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidInputException(file.source(), "cannot read: " + e, e);
        }
    }

    private static Content parse(DataFile file, Kind kind, InputStream in, long storedLength, boolean gzip) throws IOException {
        String source = file.source();
        String content = gzip ? "decompressed data" : "file";
        byte[] header = new byte[kind.headerBytes()];
        int got = in.readNBytes(header, 0, 4);
        if (got < 4) {
            throw new InvalidInputException(source, "truncated header: the " + content + " ends after " + got + " of the " + header.length
                    + " header bytes of IDX " + kind.noun);
        }
        int magic = bigEndian32(header, 0);
        if (magic != kind.magic) {
            throw new InvalidInputException(source, String.format("wrong magic number 0x%08X (expected 0x%08X for IDX %s)", magic, kind.magic, kind.noun));
        }
        got += in.readNBytes(header, 4, header.length - 4);
        if (got < header.length) {
            throw new InvalidInputException(source, "truncated header: the " + content + " ends after " + got + " of the " + header.length
                    + " header bytes of IDX " + kind.noun);
        }
        long[] dimensions = new long[kind.dimensions];
        for (int d = 0; d < dimensions.length; d++) {
            dimensions[d] = Integer.toUnsignedLong(bigEndian32(header, 4 + 4 * d));
        }
        String declared = describe(kind, dimensions);
        for (long dimension : dimensions) {
            if (dimension == 0) {
                throw new InvalidInputException(source, "header declares " + declared + "; every dimension must be at least 1");
            }
        }
        long dataBytes = dimensions[0];
        for (int d = 1; d < dimensions.length && dataBytes <= MAX_DATA_BYTES; d++) {
            // Dimensions reach 2^32 each: test before multiplying so the product cannot overflow.
            dataBytes = dataBytes > MAX_DATA_BYTES / dimensions[d] ? Long.MAX_VALUE : dataBytes * dimensions[d];
        }
        if (dataBytes > MAX_DATA_BYTES) {
            throw new InvalidInputException(source, "header declares " + declared + ", over " + MAX_DATA_BYTES + " bytes: absurd, refused");
        }
        if (gzip) {
            long capacity = storedLength * DEFLATE_MAX_RATIO;
            if (dataBytes > capacity) {
                throw new InvalidInputException(source, "header declares " + declared + " (" + dataBytes + " bytes), more than a " + storedLength
                        + "-byte gzip file can hold (" + capacity + " at deflate's 1032:1 maximum)");
            }
        } else {
            long available = storedLength - header.length;
            if (dataBytes > available) {
                throw new InvalidInputException(source, "truncated: header declares " + declared + " (" + dataBytes + " bytes) but only "
                        + available + " bytes follow the header");
            }
            if (dataBytes < available) {
                throw new InvalidInputException(source, "trailing garbage: " + bytes(available - dataBytes) + " after the " + declared);
            }
        }
        byte[] data = new byte[(int) dataBytes];
        int read = in.readNBytes(data, 0, data.length);
        if (read < data.length) {
            throw new InvalidInputException(source, "truncated: header declares " + declared + " (" + dataBytes + " bytes) but the " + content
                    + " holds only " + read + " bytes after the header");
        }
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new InvalidInputException(source, "trailing garbage: " + bytes(extra) + " of " + content + " after the " + declared);
        }
        return new Content(dimensions, data);
    }

    /** "1 byte", "2 bytes". */
    static String bytes(long count) {
        return count == 1 ? "1 byte" : count + " bytes";
    }

    private static String describe(Kind kind, long[] dimensions) {
        return kind == Kind.IMAGES
                ? dimensions[0] + " images of " + dimensions[1] + "x" + dimensions[2] + " pixels"
                : dimensions[0] + " labels";
    }

    private static int bigEndian32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16 | (bytes[offset + 2] & 0xFF) << 8 | bytes[offset + 3] & 0xFF;
    }
}
