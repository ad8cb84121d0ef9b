package org.snas4j.adapter.storage.dataset.folder;

import java.nio.file.Path;

/** A file of an image folder that cannot be used, and why (one line). */
record BadPicture(Path file, String problem) {

    /** Thrown by the per-picture steps; the loader turns it into a {@link BadPicture} of the file at hand. */
    static final class Problem extends Exception {

        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }
}
