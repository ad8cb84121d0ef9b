package org.snas4j.adapter.storage.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Graphviz's {@code dot}, which draws the cell pictures (Debian: apt-get install graphviz). */
public final class Graphviz {

    private static final long TIMEOUT_SECONDS = 60;

    private Graphviz() {
    }

    /** Thrown when {@code dot} is not on the PATH. */
    public static final class NotInstalledException extends Exception {

        private static final long serialVersionUID = 1L;

        NotInstalledException(IOException cause) {
            super("Graphviz `dot` is not installed (Debian: apt-get install graphviz)", cause);
        }
    }

    /**
     * The picture {@code dot} draws of a DOT graph.
     *
     * @param format a Graphviz output format: png, svg, ...
     * @throws NotInstalledException when there is no {@code dot} to run
     * @throws UncheckedIOException  when {@code dot} fails or takes longer than a minute, with its messages
     */
    public static byte[] draw(String dotSource, String format) throws NotInstalledException {
        Process dot;
        try {
            dot = new ProcessBuilder("dot", "-T" + format).start();
        } catch (IOException e) {
            throw new NotInstalledException(e);
        }
        try {
            CompletableFuture<byte[]> picture = readAll(dot.getInputStream());
            CompletableFuture<byte[]> messages = readAll(dot.getErrorStream());
            try (OutputStream in = dot.getOutputStream()) {
                in.write(dotSource.getBytes(StandardCharsets.UTF_8));
            }
            if (!dot.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                dot.destroyForcibly();
                throw new UncheckedIOException(new IOException("dot did not finish within " + TIMEOUT_SECONDS + " s"));
            }
            if (dot.exitValue() != 0) {
                throw new UncheckedIOException(new IOException(String.format(Locale.ROOT, "dot -T%s failed (exit %d): %s", format,
                        dot.exitValue(), new String(messages.join(), StandardCharsets.UTF_8).strip())));
            }
            return picture.join();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run dot: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dot.destroyForcibly();
            throw new UncheckedIOException(new IOException("interrupted while dot was drawing", e));
        }
    }

    private static CompletableFuture<byte[]> readAll(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream s = stream) {
                return s.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
