package org.snas4j.application.port.out.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.InvalidInputException;

/** What every {@link ReportWriter} must do: adapters run it by subclassing. */
public abstract class ReportWriterContract {

    @TempDir
    protected Path parent;

    protected abstract ReportWriter writer();

    @Test
    void writesOneFileThatNamesEveryRun() throws Exception {
        Path file = parent.resolve("out").resolve("report.html");

        writer().write(ReportFixtures.of("two runs", ReportFixtures.search(Path.of("runs/search-a"), 2),
                ReportFixtures.training(Path.of("runs/train-b"))), file);

        String content = Files.readString(file);
        assertTrue(content.contains("search-a") && content.contains("train-b"), "both runs are named");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left");
        }
    }

    @Test
    void aLaterReportReplacesAnEarlierOne() throws Exception {
        Path file = parent.resolve("report.html");
        writer().write(ReportFixtures.of("first", ReportFixtures.search(Path.of("runs/first-run"), 1)), file);

        writer().write(ReportFixtures.of("second", ReportFixtures.search(Path.of("runs/second-run"), 1)), file);

        String content = Files.readString(file);
        assertTrue(content.contains("second-run") && !content.contains("first-run"), "replaced whole");
    }

    @Test
    void aDirectoryInPlaceOfTheFileIsRefusedNamingIt() throws Exception {
        Path directory = Files.createDirectories(parent.resolve("taken"));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> writer().write(ReportFixtures.of("run", ReportFixtures.search(Path.of("r"), 1)), directory));

        assertEquals(directory.toString(), e.source());
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(0, files.count());
        }
    }
}
