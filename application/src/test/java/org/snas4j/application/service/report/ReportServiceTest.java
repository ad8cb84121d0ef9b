package org.snas4j.application.service.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.application.port.out.events.TrainingEventLog;
import org.snas4j.application.port.out.report.Report;
import org.snas4j.application.port.out.report.ReportWriter;
import org.snas4j.application.port.out.report.ReportedRun;
import org.snas4j.application.port.out.report.ReportedSearch;
import org.snas4j.application.port.out.report.ReportedTraining;
import org.snas4j.application.port.out.report.RunArchive;
import org.snas4j.application.port.out.storage.ChildRunFixtures;
import org.snas4j.application.port.out.storage.PortFixtures;
import org.snas4j.domain.genotype.PublishedGenotypes;

/** The report's gathering and its refusals, against mocked ports. */
class ReportServiceTest {

    private static final Path SEARCH = Path.of("runs/search");
    private static final Path TRAIN = Path.of("runs/train");
    private static final Path STUDY = Path.of("runs/study");

    private RunArchive archive;
    private TrainingEventLog events;
    private ReportWriter writer;

    @BeforeEach
    void setUp() {
        archive = mock(RunArchive.class);
        when(archive.kindOf(any())).thenReturn(RunArchive.Kind.NONE);
        when(archive.kindOf(SEARCH)).thenReturn(RunArchive.Kind.SEARCH);
        when(archive.kindOf(TRAIN)).thenReturn(RunArchive.Kind.TRAINING);
        when(archive.readSearch(SEARCH)).thenReturn(searchRecord(2));
        when(archive.readTraining(TRAIN)).thenReturn(new RunArchive.TrainingRecord(ChildRunFixtures.storedRun(
                PublishedGenotypes.byName("darts-v2")), List.of(ChildRunFixtures.metrics(0)), Optional.empty()));
        events = mock(TrainingEventLog.class);
        when(events.steps(any())).thenReturn(List.of());
        when(events.steps(SEARCH)).thenReturn(List.of(new StepFigures(1, 2.0, 0.1, 0.025, 1.0)));
        writer = mock(ReportWriter.class);
    }

    private ReportService service() {
        return new ReportService(archive, events, writer);
    }

    private static RunArchive.SearchRecord searchRecord(int epochs) {
        return new RunArchive.SearchRecord(PortFixtures.configuration(), PortFixtures.provenance(),
                java.util.stream.IntStream.range(0, epochs).mapToObj(PortFixtures::metrics).toList(),
                epochs == 0 ? Optional.empty() : Optional.of(PortFixtures.edgeAllGenotype(1)),
                epochs == 0 ? Optional.empty() : Optional.of(PortFixtures.top2Genotype(1)));
    }

    @Test
    void oneRunIsReportedIntoItsOwnDirectoryWithItsSteps() {
        Path written = service().report(List.of(SEARCH), Optional.empty());

        assertEquals(SEARCH.resolve("report.html"), written);
        ArgumentCaptor<Report> report = ArgumentCaptor.forClass(Report.class);
        verify(writer).write(report.capture(), any());
        ReportedSearch search = assertInstanceOf(ReportedSearch.class, report.getValue().single().orElseThrow());
        assertEquals(List.of(PortFixtures.metrics(0), PortFixtures.metrics(1)), search.epochs());
        assertEquals(PortFixtures.edgeAllGenotype(1), search.edgeAll());
        assertEquals(1, search.steps().size());
        assertEquals(SEARCH.toString(), report.getValue().title());
    }

    @Test
    void severalRunsGoToTheWorkingDirectoryOrTheNamedFileInTheOrderAsked() {
        assertEquals(Path.of("report.html"), service().report(List.of(TRAIN, SEARCH), Optional.empty()));
        assertEquals(Path.of("out.html"), service().report(List.of(TRAIN, SEARCH), Optional.of(Path.of("out.html"))));

        ArgumentCaptor<Report> report = ArgumentCaptor.forClass(Report.class);
        verify(writer).write(report.capture(), org.mockito.ArgumentMatchers.eq(Path.of("out.html")));
        assertEquals(List.of(TRAIN, SEARCH), report.getValue().runs().stream().map(ReportedRun::directory).toList());
        assertEquals("2 runs", report.getValue().title());
    }

    @Test
    void aStudyStandsForItsRunsAndARunNamedTwiceIsShownOnce() {
        when(archive.kindOf(STUDY)).thenReturn(RunArchive.Kind.STUDY);
        when(archive.studyRuns(STUDY)).thenReturn(List.of(SEARCH, TRAIN));

        assertEquals(Path.of("report.html"), service().report(List.of(STUDY, SEARCH), Optional.empty()));

        ArgumentCaptor<Report> report = ArgumentCaptor.forClass(Report.class);
        verify(writer).write(report.capture(), any());
        assertEquals(List.of(SEARCH, TRAIN), report.getValue().runs().stream().map(ReportedRun::directory).toList());
    }

    @Test
    void aStudyAloneIsReportedIntoItsDirectory() {
        when(archive.kindOf(STUDY)).thenReturn(RunArchive.Kind.STUDY);
        when(archive.studyRuns(STUDY)).thenReturn(List.of(SEARCH, TRAIN));

        assertEquals(STUDY.resolve("report.html"), service().report(List.of(STUDY), Optional.empty()));
    }

    @Test
    void aDirectoryThatIsNoRunIsRefusedNamingItBeforeAnythingIsWritten() {
        Path other = Path.of("somewhere/else");

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service().report(List.of(SEARCH, other), Optional.empty()));

        assertEquals(other.toString(), e.source());
        assertEquals("is not a search run, a train run or a study directory (no configuration found)", e.problem());
        verify(writer, never()).write(any(), any());
    }

    @Test
    void aRunWithoutAnEpochYetIsRefusedNamingIt() {
        when(archive.readSearch(SEARCH)).thenReturn(searchRecord(0));
        when(archive.readTraining(TRAIN)).thenReturn(new RunArchive.TrainingRecord(ChildRunFixtures.storedRun(
                PublishedGenotypes.byName("darts-v2")), List.of(), Optional.empty()));

        for (Path run : List.of(SEARCH, TRAIN)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> service().report(List.of(run), Optional.empty()));
            assertEquals(run.toString(), e.source());
            assertEquals("has no finished epoch yet; report it after its first epoch", e.problem());
        }
        verify(writer, never()).write(any(), any());
    }

    @Test
    void aStudyWithoutRunsIsRefused() {
        when(archive.kindOf(STUDY)).thenReturn(RunArchive.Kind.STUDY);
        when(archive.studyRuns(STUDY)).thenReturn(List.of());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service().report(List.of(STUDY), Optional.empty()));

        assertEquals(STUDY.toString(), e.source());
    }

    @Test
    void aFinishedTrainingRunCarriesItsResult() {
        when(archive.readTraining(TRAIN)).thenReturn(new RunArchive.TrainingRecord(ChildRunFixtures.storedRun(
                PublishedGenotypes.byName("darts-v2")), List.of(ChildRunFixtures.metrics(0)),
                Optional.of(ChildRunFixtures.result(OptionalDouble.empty()))));

        service().report(List.of(TRAIN), Optional.empty());

        ArgumentCaptor<Report> report = ArgumentCaptor.forClass(Report.class);
        verify(writer).write(report.capture(), any());
        ReportedTraining training = assertInstanceOf(ReportedTraining.class, report.getValue().single().orElseThrow());
        assertTrue(training.finished(), "the result's provenance has the end time");
    }
}
