package org.snas4j.adapter.tensorflow.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.adapter.tensorflow.ops.VariableStore;
import org.snas4j.application.InvalidInputException;
import org.tensorflow.Session;

/**
 * Every variable of a {@link VariableStore} in one file, {@value #FILE_NAME}: the magic
 * {@code SNAS4JTF}, a format version, the variable count, then per variable its name (modified
 * UTF-8), rank, dimensions and float values (big-endian), and finally a CRC-32 of all preceding
 * bytes. It is written with {@link AtomicFiles}, so a crash leaves either the old file or the new
 * one, never a half-written one.
 */
public final class VariableCheckpoint {

    public static final String FILE_NAME = "variables.bin";
    private static final byte[] MAGIC = "SNAS4JTF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private VariableCheckpoint() {
    }

    /** Writes the current value of every variable of {@code store} into {@code directory}. */
    public static void save(Session session, VariableStore store, Path directory) {
        Map<String, float[]> values = store.read(session);
        AtomicFiles.write(directory.resolve(FILE_NAME), file -> {
            CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(file, 1 << 16), new CRC32());
            DataOutputStream out = new DataOutputStream(checked);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(values.size());
            for (Map.Entry<String, float[]> e : values.entrySet()) {
                out.writeUTF(e.getKey());
                long[] shape = store.shape(e.getKey()).asArray();
                out.writeInt(shape.length);
                for (long d : shape) {
                    out.writeLong(d);
                }
                for (float v : e.getValue()) {
                    out.writeFloat(v);
                }
            }
            out.flush();
            out.writeLong(checked.getChecksum().getValue());
            out.flush();
        });
    }

    /**
     * Assigns every variable of {@code store} from {@code directory}'s file.
     *
     * @throws InvalidInputException when the file is missing, truncated, corrupt, or holds other
     *                               variables or shapes than the graph
     */
    public static void restore(Session session, VariableStore store, Path directory) {
        Path file = directory.resolve(FILE_NAME);
        Map<String, float[]> values = new LinkedHashMap<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            CheckedInputStream checked = new CheckedInputStream(raw, new CRC32());
            DataInputStream in = new DataInputStream(checked);
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidInputException(file, "not a snas4j variable checkpoint (bad magic)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InvalidInputException(file, "unsupported checkpoint version " + version + " (expected " + VERSION + ")");
            }
            int count = in.readInt();
            if (count != store.names().size()) {
                throw new InvalidInputException(file, "holds " + count + " variables, the network has " + store.names().size());
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                if (values.containsKey(name)) {
                    throw new InvalidInputException(file, "holds variable " + name + " twice");
                }
                if (!store.names().contains(name)) {
                    throw new InvalidInputException(file, "holds variable " + name + ", which the network does not have");
                }
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw new InvalidInputException(file, "variable " + name + " has an invalid rank " + rank);
                }
                long[] shape = new long[rank];
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readLong();
                }
                long[] expected = store.shape(name).asArray();
                if (!Arrays.equals(shape, expected)) {
                    throw new InvalidInputException(file, "variable " + name + " has shape " + Arrays.toString(shape)
                            + ", the network expects " + Arrays.toString(expected));
                }
                float[] v = new float[Math.toIntExact(store.shape(name).size())];
                for (int k = 0; k < v.length; k++) {
                    v[k] = in.readFloat();
                }
                values.put(name, v);
            }
            long computed = checked.getChecksum().getValue();
            long stored = in.readLong();
            if (computed != stored) {
                throw new InvalidInputException(file, "checksum mismatch: the file is corrupt");
            }
            if (in.read() != -1) {
                throw new InvalidInputException(file, "unexpected bytes after the checksum");
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no variable checkpoint here", e);
        } catch (EOFException e) {
            throw new InvalidInputException(file, "truncated variable checkpoint", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        store.write(session, values);
    }
}
