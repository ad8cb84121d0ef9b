package org.snas4j.adapter.storage.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses gzip (RFC 1952), one or more members, and refuses what java.util.zip.GZIPInputStream
 * lets through silently: bytes after the last member are "trailing garbage" here, not ignored.
 * Every defect is a {@link GzipFormatException} with a one-line problem: truncated header, data or
 * trailer, corrupt deflate data, CRC-32 or size mismatch.
 */
final class StrictGzipInputStream extends InputStream {

    private static final int ID1 = 0x1f;
    private static final int ID2 = 0x8b;
    private static final int DEFLATE = 8;
    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int RESERVED_FLAGS = 0xE0;

    private final PushbackInputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberBytes;
    private int lastInputLength;
    private boolean finished;

    StrictGzipInputStream(InputStream compressed) throws IOException {
        this.in = new PushbackInputStream(compressed, buffer.length);
        readHeader();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!finished) {
            int produced;
            try {
                produced = inflater.inflate(target, offset, length);
            } catch (DataFormatException e) {
                throw new GzipFormatException("corrupt gzip data (" + (e.getMessage() == null ? "invalid deflate stream" : e.getMessage()) + ")");
            }
            if (produced > 0) {
                crc.update(target, offset, produced);
                memberBytes += produced;
                return produced;
            }
            if (inflater.finished()) {
                endMember();
            } else if (inflater.needsDictionary()) {
                throw new GzipFormatException("corrupt gzip data (deflate stream asks for a preset dictionary)");
            } else if (inflater.needsInput()) {
                int read = in.read(buffer);
                if (read < 0) {
                    throw new GzipFormatException("truncated gzip data: the compressed stream ends after " + memberBytes + " decompressed bytes");
                }
                inflater.setInput(buffer, 0, read);
                lastInputLength = read;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }

    private void readHeader() throws IOException {
        int id1 = in.read();
        int id2 = in.read();
        if (id1 != ID1 || id2 != ID2) {
            throw new GzipFormatException("not gzip data (no 1f 8b magic)");
        }
        int method = headerByte();
        if (method != DEFLATE) {
            throw new GzipFormatException("unsupported gzip compression method " + method + " (only 8, deflate, exists)");
        }
        int flags = headerByte();
        if ((flags & RESERVED_FLAGS) != 0) {
            throw new GzipFormatException(String.format("corrupt gzip header: reserved flag bits set (flags 0x%02x)", flags));
        }
        skipHeaderBytes(6); // modification time, extra flags, operating system
        if ((flags & FEXTRA) != 0) {
            skipHeaderBytes(headerByte() | headerByte() << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skipHeaderBytes(2);
        }
    }

    private int headerByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new GzipFormatException("truncated gzip data: the file ends inside a gzip header");
        }
        return b;
    }

    private void skipHeaderBytes(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            headerByte();
        }
    }

    private void skipZeroTerminated() throws IOException {
        while (headerByte() != 0) {
            // the original file name or comment: not needed
        }
    }

    /** Checks the trailer of the member just inflated; then expects another member or the end. */
    private void endMember() throws IOException {
        int unused = inflater.getRemaining();
        if (unused > 0) {
            in.unread(buffer, lastInputLength - unused, unused);
        }
        byte[] trailer = in.readNBytes(8);
        if (trailer.length < 8) {
            throw new GzipFormatException("truncated gzip data: the file ends inside the 8-byte gzip trailer");
        }
        long storedCrc = littleEndian32(trailer, 0);
        long storedSize = littleEndian32(trailer, 4);
        if (storedCrc != crc.getValue()) {
            throw new GzipFormatException(String.format("corrupt gzip data: CRC-32 %08x of the decompressed bytes does not match %08x in the trailer",
                    crc.getValue(), storedCrc));
        }
        if (storedSize != (memberBytes & 0xFFFFFFFFL)) {
            throw new GzipFormatException("corrupt gzip data: " + memberBytes + " decompressed bytes but the trailer says " + storedSize);
        }
        inflater.reset();
        crc.reset();
        memberBytes = 0;
        int first = in.read();
        if (first < 0) {
            finished = true;
            return;
        }
        int second = in.read();
        if (first == ID1 && second == ID2) {
            in.unread(second);
            in.unread(first);
            readHeader();
            return;
        }
        long garbage = second < 0 ? 1 : 2 + in.transferTo(OutputStream.nullOutputStream());
        throw new GzipFormatException("trailing garbage: " + IdxReader.bytes(garbage) + " after the end of the gzip data");
    }

    private static long littleEndian32(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFFL) | (bytes[offset + 1] & 0xFFL) << 8 | (bytes[offset + 2] & 0xFFL) << 16 | (bytes[offset + 3] & 0xFFL) << 24;
    }
}
