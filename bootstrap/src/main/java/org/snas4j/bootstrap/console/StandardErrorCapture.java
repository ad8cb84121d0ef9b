package org.snas4j.bootstrap.console;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Points the process's standard error (file descriptor 2, where native code writes) at a temporary
 * file while an action runs, then back. Java cannot change its own environment nor, through a public
 * API, its file descriptors; the JDK's own dup2 ({@code FileDispatcherImpl.dup0}) does it, reached by
 * reflection, which the executable jar allows with {@code Add-Opens: java.base/sun.nio.ch} in its
 * manifest. Where the JDK does not have it or does not allow it, {@link #available()} is false.
 */
final class StandardErrorCapture {

    private static final Method DUP2 = findDup2();

    private StandardErrorCapture() {
    }

    /** What was written to standard error while the action ran, and how the action ended. */
    record Captured(String text, RuntimeException failure) {
    }

    static boolean available() {
        return DUP2 != null;
    }

    /** Runs {@code action} with file descriptor 2 captured; requires {@link #available()}. */
    static Captured capture(Runnable action) {
        Path file;
        try {
            file = Files.createTempFile("snas4j-stderr-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file for standard error", e);
        }
        try (FileOutputStream original = new FileOutputStream("/dev/null");
             FileOutputStream sink = new FileOutputStream(file.toFile())) {
            // "original" becomes a second descriptor of the real standard error, to restore it from.
            dup2(FileDescriptor.err, original.getFD());
            System.err.flush();
            dup2(sink.getFD(), FileDescriptor.err);
            RuntimeException failure = null;
            try {
                action.run();
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                System.err.flush();
                dup2(original.getFD(), FileDescriptor.err);
            }
            return new Captured(Files.readString(file, StandardCharsets.UTF_8), failure);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot redirect standard error", e);
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    private static void dup2(FileDescriptor from, FileDescriptor to) throws IOException {
        try {
            DUP2.invoke(null, from, to);
        } catch (IllegalAccessException e) {
            throw new IOException("dup2 is not accessible", e);
        } catch (InvocationTargetException e) {
            throw new IOException("dup2 failed: " + e.getCause(), e.getCause());
        }
    }

    /** JDK 17 names the class FileDispatcherImpl, later JDKs UnixFileDispatcherImpl. */
    private static Method findDup2() {
        for (String name : List.of("sun.nio.ch.FileDispatcherImpl", "sun.nio.ch.UnixFileDispatcherImpl")) {
            try {
                Method dup0 = Class.forName(name).getDeclaredMethod("dup0", FileDescriptor.class, FileDescriptor.class);
                dup0.setAccessible(true);
                return dup0;
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Not this JDK's name, or not opened to us: try the next, else capture is unavailable.
            }
        }
        return null;
    }
}
