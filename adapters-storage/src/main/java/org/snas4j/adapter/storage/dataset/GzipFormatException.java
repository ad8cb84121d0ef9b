package org.snas4j.adapter.storage.dataset;

import java.io.IOException;

/** A gzip stream that is truncated, corrupt or followed by garbage; the message is one line. */
final class GzipFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    GzipFormatException(String problem) {
        super(problem);
    }
}
