package org.snas4j.adapter.storage.io;

import com.google.protobuf.Message;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.application.InvalidInputException;

/** Reads and writes protobuf messages in the format their file's extension names. */
public final class ProtoFiles {

    /** snas4j's messages are kilobytes; a bigger file is not one of them, and reading it could exhaust memory. */
    static final long MAX_BYTES = 16L << 20;

    private ProtoFiles() {
    }

    /**
     * Writes {@code message} atomically in the format of {@code file}'s extension.
     *
     * @throws InvalidInputException when the extension is not .pb, .textproto or .json
     */
    public static void write(Path file, Message message) {
        AtomicFiles.write(file, formatOf(file).print(message));
    }

    /**
     * Reads a message of the prototype's type in the format of {@code file}'s extension.
     *
     * @throws InvalidInputException naming the file and the problem: missing, unreadable, too large,
     *                               unknown extension, truncated or garbled
     */
    public static <T extends Message> T read(Path file, T prototype) {
        ProtoFormat format = formatOf(file);
        try {
            return format.parse(readBytes(file), prototype);
        } catch (ProtoFormat.MalformedMessageException e) {
            throw new InvalidInputException(file, "not a valid " + prototype.getDescriptorForType().getName()
                    + " in " + format.extension() + " format (truncated or garbled?): " + e.getMessage(), e);
        }
    }

    /**
     * The file's whole content.
     *
     * @throws InvalidInputException when it is missing, a directory, unreadable or larger than 16 MiB
     */
    public static byte[] readBytes(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException(file, "is a directory, not a file");
            }
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InvalidInputException(file, "file too large (" + size + " bytes, at most " + MAX_BYTES + ")");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "file not found", e);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(file, "permission denied", e);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e, e);
        }
    }

    private static ProtoFormat formatOf(Path file) {
        return ProtoFormat.of(file).orElseThrow(() -> new InvalidInputException(file,
                "unknown file extension (expected " + ProtoFormat.extensions() + ")"));
    }
}
