package org.snas4j.adapter.storage.dataset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file to read a dataset from: on disk, or bundled on the class path. */
interface DataFile {

    /** How messages name it: the path, or {@code classpath:/...}. */
    String source();

    /** Its size in bytes as stored (compressed size for gzip). */
    long length() throws IOException;

    InputStream open() throws IOException;

    static DataFile of(Path path) {
        return new DataFile() {
            @Override
            public String source() {
                return path.toString();
            }

            @Override
            public long length() throws IOException {
                return Files.size(path);
            }

            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(path);
            }
        };
    }

    /** A resource that ships inside the jar; its absence is a packaging bug, not bad input. */
    static DataFile resource(String absoluteName) {
        byte[] content;
        try (InputStream in = DataFile.class.getResourceAsStream(absoluteName)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + absoluteName + " is missing from the class path");
            }
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled resource " + absoluteName, e);
        }
        return new DataFile() {
            @Override
            public String source() {
                return "classpath:" + absoluteName;
            }

            @Override
            public long length() {
                return content.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(content);
            }
        };
    }
}
