package org.snas4j.adapter.storage.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.port.in.search.SearchOutcome;
import org.snas4j.application.port.out.storage.PortFixtures;
import org.snas4j.application.port.out.storage.RunDirectory;

/** What a study asks of search run directories: is this a run, and has it finished (and with what)? */
class StudySearchRunsTest {

    private final FileRunDirectoryFactory factory = new FileRunDirectoryFactory();

    @Test
    void aRunIsFinishedOnceItsFinalGenotypesAreWrittenAndThenReadsBackAsItsOutcome(@TempDir Path dir) {
        Path run = dir.resolve("search-seed-1");
        assertFalse(factory.isRunDirectory(run), "absent");
        try (RunDirectory directory = factory.create(run)) {
            directory.writeConfiguration(PortFixtures.configuration(), PortFixtures.provenance());
            directory.recordMetrics(PortFixtures.metrics(0));
            directory.recordMetrics(PortFixtures.metrics(1));
            directory.writeGenotype("epoch-0001-top2", PortFixtures.top2Genotype(1));
            assertTrue(factory.isRunDirectory(run));
            assertTrue(factory.finishedOutcome(run).isEmpty(), "no final genotypes yet: unfinished");
            directory.writeGenotype("final-edge-all", PortFixtures.edgeAllGenotype(2));
            directory.writeGenotype("final-top2", PortFixtures.top2Genotype(2));
        }

        SearchOutcome outcome = factory.finishedOutcome(run).orElseThrow();

        assertEquals(run, outcome.runDirectory());
        assertEquals(PortFixtures.edgeAllGenotype(2), outcome.edgeAll());
        assertEquals(PortFixtures.top2Genotype(2), outcome.top2());
        assertEquals(List.of(PortFixtures.metrics(0), PortFixtures.metrics(1)), outcome.metrics());
        assertTrue(factory.isRunDirectory(run), "still a run");
    }

    @Test
    void anEmptyDirectoryOrAFileIsNoRun(@TempDir Path dir) throws Exception {
        assertFalse(factory.isRunDirectory(dir));
        assertTrue(factory.finishedOutcome(dir).isEmpty());
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        assertFalse(factory.isRunDirectory(file));
        assertTrue(factory.finishedOutcome(file).isEmpty());
    }
}
