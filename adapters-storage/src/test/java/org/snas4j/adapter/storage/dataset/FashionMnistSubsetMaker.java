package org.snas4j.adapter.storage.dataset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Makes the bundled Fashion-MNIST subset: the FIRST {@value #TRAIN_IMAGES} training and FIRST
 * {@value #TEST_IMAGES} test images (and their labels) of the full IDX files, in file order, written
 * as gzip IDX files (deflate level 9). Uses only the JDK, so it runs as a single-file program:
 * <pre>
 * java adapters-storage/src/test/java/org/snas4j/adapter/storage/dataset/FashionMnistSubsetMaker.java \
 *      /usr/share/datasets/fashion-mnist \
 *      adapters-storage/src/main/resources/org/snas4j/datasets/fashion-mnist-subset
 * </pre>
 * It prints the SHA-256 of every file it writes (recorded in PROVENANCE.md). A test reruns it.
 */
public final class FashionMnistSubsetMaker {

    public static final int TRAIN_IMAGES = 10_000;
    public static final int TEST_IMAGES = 2_000;

    private FashionMnistSubsetMaker() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: FashionMnistSubsetMaker <full-set-directory> <target-directory>");
            System.exit(2);
        }
        make(Path.of(args[0]), Path.of(args[1])).forEach((file, sha256) -> System.out.println(sha256 + "  " + file));
    }

    /** Writes the four subset files into {@code target}; returns file name -> SHA-256 of what was written. */
    static Map<String, String> make(Path fullSet, Path target) throws IOException {
        Files.createDirectories(target);
        Map<String, String> written = new LinkedHashMap<>();
        String[][] parts = {{"train", String.valueOf(TRAIN_IMAGES)}, {"t10k", String.valueOf(TEST_IMAGES)}};
        for (String[] part : parts) {
            int count = Integer.parseInt(part[1]);
            for (String kind : new String[] {"images-idx3-ubyte", "labels-idx1-ubyte"}) {
                String name = part[0] + "-" + kind;
                byte[] subset = gzip(firstItems(read(fullSet, name), count, name));
                String file = name + ".gz";
                writeReplacing(target.resolve(file), subset);
                written.put(file, sha256(subset));
            }
        }
        return written;
    }

    /** An IDX file (header then items) cut down to its first {@code count} items, header count adjusted. */
    static byte[] firstItems(byte[] idx, int count, String name) {
        ByteBuffer header = ByteBuffer.wrap(idx);
        int magic = header.getInt();
        int dimensions = magic & 0xFF;
        if ((magic >>> 8) != 0x08) {
            throw new IllegalArgumentException(name + ": not an unsigned-byte IDX file (magic " + Integer.toHexString(magic) + ")");
        }
        int declared = header.getInt();
        long itemSize = 1;
        for (int d = 1; d < dimensions; d++) {
            itemSize *= header.getInt();
        }
        int headerBytes = 4 + 4 * dimensions;
        if (count > declared || idx.length != headerBytes + declared * itemSize) {
            throw new IllegalArgumentException(name + ": holds " + declared + " items (" + idx.length + " bytes), cannot take the first " + count);
        }
        byte[] subset = new byte[(int) (headerBytes + count * itemSize)];
        System.arraycopy(idx, 0, subset, 0, subset.length);
        ByteBuffer.wrap(subset).putInt(4, count);
        return subset;
    }

    private static byte[] read(Path directory, String name) throws IOException {
        Path raw = directory.resolve(name);
        Path file = Files.isRegularFile(raw) ? raw : directory.resolve(name + ".gz");
        byte[] stored = Files.readAllBytes(file);
        if (stored.length > 1 && (stored[0] & 0xFF) == 0x1f && (stored[1] & 0xFF) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
                return in.readAllBytes();
            }
        }
        return stored;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // GZIPOutputStream writes a fixed header (no name, time 0), so the output depends on the data only.
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static void writeReplacing(Path file, byte[] content) throws IOException {
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
