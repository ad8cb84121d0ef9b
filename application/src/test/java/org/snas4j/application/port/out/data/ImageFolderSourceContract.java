package org.snas4j.application.port.out.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.ImageFit;
import org.snas4j.application.port.out.data.ImageFolderOptions;
import org.snas4j.application.port.out.data.ImageFolderSource;
import org.snas4j.application.port.out.data.PictureFolders;

/** What every {@link ImageFolderSource} promises; each adapter runs it by subclassing. */
public abstract class ImageFolderSourceContract {

    protected abstract ImageFolderSource source();

    private static ImageFolderOptions options(int size, int channels) {
        return new ImageFolderOptions(size, channels, ImageFit.CROP, 0.2, false, ImageFolderOptions.DEFAULT_MAX_IMAGE_PIXELS, 0);
    }

    @Test
    void classesAreTheSortedFolderNamesAndEveryPictureIsLabelledByItsFolder(@TempDir Path dir) {
        PictureFolders.write(dir, List.of("zebra", "ant", "mole"), 2, 12, 10, "png", true);

        ImageFolderSource.FolderImages read = source().readAll(dir, options(8, 3));

        assertEquals(List.of("ant", "mole", "zebra"), read.images().classNames());
        assertEquals(6, read.images().size());
        for (int i = 0; i < read.images().size(); i++) {
            String folder = read.names().get(i).substring(0, read.names().get(i).indexOf('/'));
            assertEquals(folder, read.images().classNames().get(read.images().label(i)), read.names().get(i));
        }
        assertEquals(8, read.images().height());
        assertEquals(8, read.images().width());
        assertEquals(3, read.images().channels());
    }

    @Test
    void colourPicturesBecomeGreyWhenOneChannelIsAsked(@TempDir Path dir) {
        PictureFolders.write(dir, List.of("a", "b"), 1, 8, 8, "png", true);
        assertEquals(1, source().readAll(dir, options(8, 1)).images().channels());
    }

    @Test
    void anEmptyClassFolderIsInvalidInputNamingIt(@TempDir Path dir) throws Exception {
        PictureFolders.write(dir, List.of("a", "b"), 1, 8, 8, "png", false);
        Files.createDirectories(dir.resolve("c"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> source().readAll(dir, options(8, 1)));
        assertEquals(dir.resolve("c").toString(), e.source());
        assertTrue(e.problem().contains("empty"), e.problem());
    }

    @Test
    void aMissingFolderIsInvalidInputNamingIt(@TempDir Path dir) {
        Path absent = dir.resolve("absent");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> source().readAll(absent, options(8, 1)));
        assertEquals(absent.toString(), e.source());
    }
}
