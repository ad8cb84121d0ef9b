package org.snas4j.adapter.storage.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.InvalidInputException;

class StudyFilesTest {

    private final FileStudyFiles files = new FileStudyFiles();

    @Test
    void settingsReadBackExactlyWhateverTheirValuesHold(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("study").resolve("study.properties");
        Map<String, String> settings = Map.of("search.dataset.directory", " /data/fashion mnist\\x", "search.lambda", "0.0015",
                "study.published", "snas-mild,darts-v2", "retrain.note", "a\nb\tc = d: é #e", "empty", "");
        assertEquals(Optional.empty(), files.readSettings(file));

        files.writeSettings(file, settings);

        assertEquals(Optional.of(settings), files.readSettings(file));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.indexOf("search.lambda=0.0015") < text.indexOf("study.published="), "keys sorted:\n" + text);
        try (var leftovers = Files.list(file.getParent())) {
            assertEquals(1, leftovers.count(), "no temporary file left behind");
        }
    }

    @Test
    void aDirectoryIsAbsentEmptyOrHoldsFilesAndAFileIsRefused(@TempDir Path dir) throws Exception {
        assertTrue(files.isAbsentOrEmpty(dir.resolve("new")));
        assertTrue(files.isAbsentOrEmpty(dir));
        files.writeText(dir.resolve("study.md"), "# table\n");
        assertFalse(files.isAbsentOrEmpty(dir));
        assertEquals("# table\n", Files.readString(dir.resolve("study.md")));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> files.isAbsentOrEmpty(dir.resolve("study.md")));
        assertTrue(refused.getMessage().contains("not a directory"), refused.getMessage());
    }

    @Test
    void anUnreadableSettingsFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("study.properties"), "broken=\\u00zz\n");
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> files.readSettings(file));
        assertTrue(refused.getMessage().startsWith(file.toString()), refused.getMessage());
    }
}
