package org.snas4j.adapter.storage.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.storage.retrain.FileChildRunDirectoryFactory;
import org.snas4j.adapter.storage.search.FileRunDirectoryFactory;
import org.snas4j.adapter.storage.study.FileStudyFiles;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.report.RunArchive;
import org.snas4j.application.port.out.report.RunArchiveContract;
import org.snas4j.application.port.out.storage.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.storage.PortFixtures;
import org.snas4j.application.port.out.storage.RunDirectory;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;
import org.snas4j.application.port.out.storage.StudyFiles;

class FileRunArchiveTest extends RunArchiveContract {

    @Override
    protected RunArchive archive() {
        return new FileRunArchive();
    }

    @Override
    protected RunDirectoryFactory searchRuns() {
        return new FileRunDirectoryFactory();
    }

    @Override
    protected ChildRunDirectoryFactory trainingRuns() {
        return new FileChildRunDirectoryFactory();
    }

    @Override
    protected StudyFiles studyFiles() {
        return new FileStudyFiles();
    }

    @Test
    void aDamagedMetricsFileIsRefusedNamingTheFileAndTheLine() throws IOException {
        Path search = parent.resolve("search");
        try (RunDirectory run = searchRuns().create(search)) {
            run.writeConfiguration(PortFixtures.configuration(), PortFixtures.provenance());
            run.recordMetrics(PortFixtures.metrics(0));
        }
        Path metrics = search.resolve("metrics.jsonl");
        assertTrue(Files.isRegularFile(metrics), "the file this test damages");
        Files.writeString(metrics, "{\"epoch\": 1, \"train\n", StandardOpenOption.APPEND);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> archive().readSearch(search));

        assertEquals(metrics.toString(), e.source());
        assertTrue(e.problem().startsWith("line 2: "), e.problem());
    }
}
