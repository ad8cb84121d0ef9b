package org.snas4j.application.port.out.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.data.ImageFolderOptions;

/**
 * Reads a folder of pictures labelled by their class sub-folders (torchvision's ImageFolder
 * convention) to classify it with a model.
 */
public interface ImageFolderSource {

    /**
     * Every usable picture of the folder's class sub-folders, or of its {@code test/} part when it
     * holds {@code train/} and {@code test/}, brought to {@code options}' size and channels.
     *
     * @throws org.snas4j.application.InvalidInputException naming the file or folder and the problem: an
     *         unreadable, truncated or oversized picture, a file that is no picture, an empty class folder,
     *         a symbolic link out of the folder (unless {@code options} skip bad pictures), no class folder
     */
    FolderImages readAll(Path folder, ImageFolderOptions options);

    /**
     * @param images the pictures, labelled by class folder (class names = the folder names, sorted)
     * @param names  each picture's path relative to the folder, in the order of {@code images}
     */
    record FolderImages(ImageDataset images, List<String> names) {

        public FolderImages {
            Objects.requireNonNull(images, "images");
            names = List.copyOf(names);
            if (names.size() != images.size()) {
                throw new IllegalArgumentException(names.size() + " names for " + images.size() + " images");
            }
        }
    }
}
