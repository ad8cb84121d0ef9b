package org.snas4j.adapter.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes files so that a reader sees either the old complete file or the new complete file, never a
 * half-written one, even if the process is killed or the disk fills: write to a temporary sibling,
 * fsync it, rename it over the target, fsync the directory. A whole directory is made durable the
 * same way: fill a temporary sibling, {@link #syncTree} it, rename it into place.
 */
public final class AtomicFiles {

    /** Writes content to an output stream; may throw IOException. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Atomically replaces {@code target} with {@code content}. */
    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    /**
     * Atomically replaces {@code target} with what {@code writer} writes. On any failure the
     * temporary file is removed and {@code target} is untouched.
     *
     * @throws UncheckedIOException naming the target and the cause (for example "No space left on device")
     */
    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(channel)) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            moveAtomically(temporary, absolute);
            temporary = null;
            syncDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + describe(e), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // The original failure is what the caller needs to see.
                }
            }
        }
    }

    /** Renames {@code source} to {@code target} atomically (same file system), then syncs the directory. */
    public static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Flushes a directory's entries (new names, renames) to disk; a no-op where the OS refuses. */
    public static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems do not allow opening directories; the rename itself is still atomic.
        }
    }

    /** Flushes a regular file's content to disk. */
    public static void syncFile(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /**
     * Flushes every regular file under {@code root}, then every directory, deepest first, so that a
     * rename of {@code root} that follows publishes only content that is on disk.
     */
    public static void syncTree(Path root) throws IOException {
        List<Path> directories = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    directories.add(path);
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    syncFile(path);
                }
            }
        }
        directories.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        directories.forEach(AtomicFiles::syncDirectory);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
