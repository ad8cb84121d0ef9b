package org.snas4j.adapter.tensorflow.events;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * TensorFlow's TFRecord framing, in which TensorBoard event files are written: per record a
 * little-endian uint64 length, the masked CRC32C of those 8 bytes, the data, and the masked CRC32C
 * of the data (tensorflow/core/lib/io/record_writer.cc; the mask is crc32c.h's).
 */
final class TfRecords {

    /** Bytes around each record's data: length, its checksum, the data's checksum. */
    static final int OVERHEAD = 8 + 4 + 4;

    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecords() {
    }

    /** TensorFlow's masked CRC32C: the checksum rotated right by 15 bits plus a constant, as an unsigned 32-bit value. */
    static int maskedCrc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + MASK_DELTA;
    }

    /** One record as it goes into a file. */
    static byte[] frame(byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(OVERHEAD + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(data.length);
        buffer.putInt(maskedCrc32c(buffer.array(), 0, 8));
        buffer.put(data);
        buffer.putInt(maskedCrc32c(data, 0, data.length));
        return buffer.array();
    }

    /**
     * The records of a file's content, each checksum verified.
     *
     * @param records     the data of every complete record, in order
     * @param validLength bytes taken by those records
     * @param damage      empty when the rest is a clean end or an incomplete last record (a writer
     *                    stopped mid-record); else what is wrong with the record at {@code validLength}
     */
    record Contents(List<byte[]> records, int validLength, String damage) {

        boolean damaged() {
            return !damage.isEmpty();
        }

        /** True when bytes follow the last complete record: an incomplete record, or damage. */
        boolean hasTail(int fileLength) {
            return validLength != fileLength;
        }
    }

    /** Reads records until the end, an incomplete last record, or the first damaged one. */
    static Contents read(byte[] content) {
        List<byte[]> records = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        int position = 0;
        while (content.length - position >= 12) {
            long length = buffer.getLong(position);
            if (buffer.getInt(position + 8) != maskedCrc32c(content, position, 8)) {
                return new Contents(records, position, "the length of the record at byte " + position + " fails its CRC32C check");
            }
            if (length < 0 || length > content.length - position - OVERHEAD) {
                // A complete header whose data never made it to the file: the writer stopped here.
                break;
            }
            int dataStart = position + 12;
            int dataLength = (int) length;
            if (buffer.getInt(dataStart + dataLength) != maskedCrc32c(content, dataStart, dataLength)) {
                return new Contents(records, position, "the record at byte " + position + " fails its CRC32C check");
            }
            byte[] data = new byte[dataLength];
            System.arraycopy(content, dataStart, data, 0, dataLength);
            records.add(data);
            position = dataStart + dataLength + 4;
        }
        return new Contents(records, position, "");
    }
}
