package org.snas4j.application.service.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.retrain.ChildEvaluation;
import org.snas4j.application.port.in.retrain.RetrainConfiguration;
import org.snas4j.application.port.in.retrain.RetrainEpochMetrics;
import org.snas4j.application.port.in.retrain.RetrainGenotypeUseCase;
import org.snas4j.application.port.in.retrain.RetrainOutcome;
import org.snas4j.application.port.in.retrain.RetrainResult;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchArchitectureUseCase;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.in.search.SearchOutcome;
import org.snas4j.application.port.in.study.GroupStatistics;
import org.snas4j.application.port.in.study.StudyAction;
import org.snas4j.application.port.in.study.StudyCell;
import org.snas4j.application.port.in.study.StudyConfiguration;
import org.snas4j.application.port.in.study.StudyGroup;
import org.snas4j.application.port.in.study.StudyResult;
import org.snas4j.application.port.out.data.Normalization;
import org.snas4j.application.port.out.progress.StudyListener;
import org.snas4j.application.port.out.report.StudyChartWriter;
import org.snas4j.application.port.out.storage.ChildRunDirectory;
import org.snas4j.application.port.out.storage.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.storage.PortFixtures;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;
import org.snas4j.application.port.out.storage.StoredRetrainRun;
import org.snas4j.application.port.out.storage.StudyFiles;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.genotype.RandomGenotypes;
import org.snas4j.domain.genotype.Top2Rule;
import org.snas4j.domain.space.NetworkShape;

/**
 * The study against mocked use cases and an in-memory picture of its directory: what runs, what is
 * resumed, what is kept, and that nothing is trained twice.
 */
class StudyServiceTest {

    private static final Path STUDY = Path.of("/studies/s");
    private static final NetworkShape SHAPE = new NetworkShape(8, 16, 28, 1, 10);
    private static final Provenance PROVENANCE = new Provenance(1, "fashion-mnist", "sha", "test", Instant.EPOCH, Instant.EPOCH, "study");

    /** What the study directory holds: finished and started searches, retraining runs with or without a result. */
    private final Map<Path, SearchOutcome> finishedSearches = new HashMap<>();
    private final Set<Path> startedSearches = new HashSet<>();
    private final Map<Path, StoredRetrainRun> retrainConfigurations = new HashMap<>();
    private final Map<Path, RetrainResult> retrainResults = new HashMap<>();
    private final Map<Path, Map<String, String>> settingsFiles = new HashMap<>();
    private final Map<Path, String> texts = new HashMap<>();
    private final List<String> events = new ArrayList<>();

    private SearchArchitectureUseCase searches;
    private RetrainGenotypeUseCase retrains;
    private StudyChartWriter chart;
    private StudyFiles files;
    private boolean directoryEmpty = true;
    private StudyService service;

    @BeforeEach
    void setUp() {
        searches = mock(SearchArchitectureUseCase.class);
        when(searches.search(any(), any(), anyString())).thenAnswer(i -> finishSearch(i.getArgument(1)));
        when(searches.resume(any(), anyString())).thenAnswer(i -> finishSearch(i.getArgument(0)));
        RunDirectoryFactory searchRuns = mock(RunDirectoryFactory.class);
        when(searchRuns.isRunDirectory(any())).thenAnswer(i -> startedSearches.contains(i.<Path>getArgument(0))
                || finishedSearches.containsKey(i.<Path>getArgument(0)));
        when(searchRuns.finishedOutcome(any())).thenAnswer(i -> Optional.ofNullable(finishedSearches.get(i.<Path>getArgument(0))));

        retrains = mock(RetrainGenotypeUseCase.class);
        when(retrains.retrain(any(), any(), anyString())).thenAnswer(i -> {
            Path run = i.getArgument(1);
            retrainConfigurations.put(run, new StoredRetrainRun(i.getArgument(0), PROVENANCE, SHAPE, Normalization.unitScale(1)));
            return finishRetrain(run);
        });
        when(retrains.resume(any(), anyString())).thenAnswer(i -> finishRetrain(i.getArgument(0)));
        ChildRunDirectoryFactory retrainRuns = mock(ChildRunDirectoryFactory.class);
        when(retrainRuns.isRunDirectory(any())).thenAnswer(i -> retrainConfigurations.containsKey(i.<Path>getArgument(0)));
        when(retrainRuns.open(any())).thenAnswer(i -> openRetrain(i.getArgument(0)));

        files = mock(StudyFiles.class);
        when(files.isAbsentOrEmpty(any())).thenAnswer(i -> directoryEmpty);
        when(files.readSettings(any())).thenAnswer(i -> Optional.ofNullable(settingsFiles.get(i.<Path>getArgument(0))));
        doAnswer(i -> settingsFiles.put(i.getArgument(0), Map.copyOf(i.getArgument(1))))
                .when(files).writeSettings(any(), any());
        doAnswer(i -> texts.put(i.getArgument(0), i.getArgument(1))).when(files).writeText(any(), any());
        chart = mock(StudyChartWriter.class);
        StudyListener listener = new StudyListener() {
            @Override
            public void studyStarted(Path studyDirectory, int items) {
                events.add("study " + studyDirectory + " " + items);
            }

            @Override
            public void itemStarting(String item, int position, int items, StudyAction action) {
                events.add(position + "/" + items + " " + item + " " + action);
            }
        };
        service = new StudyService(searches, retrains, searchRuns, retrainRuns, files, chart, listener);
    }

    @Test
    void aNewStudySearchesThenRetrainsEveryCellUnderOneBudget() {
        StudyResult result = service.run(configuration(2, 2, List.of("snas-mild")), STUDY, "study");

        assertEquals(List.of("study " + STUDY + " 7", "1/7 search-seed-1 STARTED", "2/7 search-seed-2 STARTED", "3/7 train-searched-seed-1 STARTED",
                "4/7 train-searched-seed-2 STARTED", "5/7 train-random-1 STARTED", "6/7 train-random-2 STARTED",
                "7/7 train-snas-mild STARTED"), events);
        ArgumentCaptor<SearchConfiguration> searched = ArgumentCaptor.forClass(SearchConfiguration.class);
        verify(searches).search(searched.capture(), eq(STUDY.resolve("search-seed-1")), eq("study"));
        verify(searches).search(searched.capture(), eq(STUDY.resolve("search-seed-2")), eq("study"));
        assertEquals(List.of(1L, 2L), searched.getAllValues().stream().map(SearchConfiguration::seed).toList());

        ArgumentCaptor<RetrainConfiguration> retrained = ArgumentCaptor.forClass(RetrainConfiguration.class);
        verify(retrains, times(5)).retrain(retrained.capture(), any(), eq("study"));
        List<RetrainConfiguration> budgets = retrained.getAllValues();
        assertEquals(List.of(searchedTop2(1), searchedTop2(2), StudyService.randomCell(configuration(2, 2, List.of()), 1),
                StudyService.randomCell(configuration(2, 2, List.of()), 2), PublishedGenotypes.byName("snas-mild")),
                budgets.stream().map(RetrainConfiguration::genotype).toList());
        // Only the genotype (and its description) differs between the retrainings.
        Genotype any = PublishedGenotypes.byName("darts-v2");
        assertEquals(1, budgets.stream().map(b -> b.withGenotype("x", any)).distinct().count());

        assertEquals(List.of(StudyGroup.SEARCHED, StudyGroup.SEARCHED, StudyGroup.RANDOM, StudyGroup.RANDOM, StudyGroup.PUBLISHED),
                result.cells().stream().map(StudyCell::group).toList());
        assertEquals(List.of("searched-seed-1", "searched-seed-2", "random-1", "random-2", "snas-mild"),
                result.cells().stream().map(StudyCell::name).toList());
        StudyCell first = result.cells().get(0);
        assertEquals(OptionalDouble.of(60.0), first.searchSeconds());
        assertEquals(120.0, first.trainSeconds());
        assertTrue(first.cellFlops() > 0, "priced by the domain's cost model");
        assertEquals(7, result.count(StudyAction.STARTED));

        assertTrue(settingsFiles.containsKey(STUDY.resolve("study.properties")));
        assertTrue(texts.get(STUDY.resolve("study.md")).contains(result.verdict()));
        assertEquals(6, texts.get(STUDY.resolve("study.csv")).lines().count(), "a header and one row per cell");
        verify(chart).writeAccuracyVersusParameters(eq(STUDY.resolve("accuracy-vs-parameters.png")), anyString(), eq(result));
    }

    @Test
    void aContinuedStudyKeepsFinishedRunsResumesUnfinishedOnesAndStartsMissingOnes() {
        StudyConfiguration configuration = configuration(2, 1, List.of("snas-mild"));
        settingsFiles.put(STUDY.resolve("study.properties"), StudySettings.of(configuration));
        directoryEmpty = false;
        Path search1 = STUDY.resolve("search-seed-1");
        finishSearch(search1);
        startedSearches.add(STUDY.resolve("search-seed-2"));
        Path trained1 = STUDY.resolve("train-searched-seed-1");
        retrainConfigurations.put(trained1, stored(searchedTop2(1)));
        finishRetrain(trained1);
        retrainConfigurations.put(STUDY.resolve("train-random-1"), stored(StudyService.randomCell(configuration, 1)));

        StudyResult result = service.run(configuration, STUDY, "study");

        assertEquals(List.of("study " + STUDY + " 6", "1/6 search-seed-1 KEPT", "2/6 search-seed-2 RESUMED", "3/6 train-searched-seed-1 KEPT",
                "4/6 train-searched-seed-2 STARTED", "5/6 train-random-1 RESUMED", "6/6 train-snas-mild STARTED"), events);
        verify(searches, never()).search(any(), any(), anyString());
        verify(searches).resume(STUDY.resolve("search-seed-2"), "study");
        verify(retrains, never()).retrain(any(), eq(trained1), anyString());
        verify(retrains, never()).resume(eq(trained1), anyString());
        verify(retrains).resume(STUDY.resolve("train-random-1"), "study");
        verify(retrains).retrain(any(), eq(STUDY.resolve("train-searched-seed-2")), eq("study"));
        assertEquals(4, result.cells().size());
        assertEquals(2, result.count(StudyAction.KEPT));
        assertEquals(2, result.count(StudyAction.RESUMED));

        // Once everything has finished, running the study again trains nothing and reports the same cells.
        clearInvocations(searches, retrains);
        StudyResult again = service.run(configuration, STUDY, "study");
        verifyNoInteractions(searches, retrains);
        assertEquals(configuration.items(), again.count(StudyAction.KEPT));
        assertEquals(result.cells(), again.cells());
    }

    @Test
    void aStudyMadeWithOtherSettingsIsRefusedNamingTheSettingAndNothingRuns() {
        settingsFiles.put(STUDY.resolve("study.properties"), StudySettings.of(configuration(2, 3, List.of("snas-mild"))));
        directoryEmpty = false;
        StudyConfiguration otherEpochs = new StudyConfiguration(configuration(2, 3, List.of("snas-mild")).searchTemplate().toBuilder()
                .epochs(9).build(), template(), 2, 3, List.of("snas-mild"), 1);

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> service.run(otherEpochs, STUDY, "study"));

        assertTrue(refused.getMessage().contains("study.properties"), refused.getMessage());
        assertTrue(refused.getMessage().contains("search.epochs=7 (now 9)"), refused.getMessage());
        assertEquals(1, refused.getMessage().lines().count());
        assertEquals(List.of(), events, "refused before the study starts");
        verifyNoInteractions(searches, retrains, chart);
    }

    @Test
    void anotherThreadCountMayContinueAStudy() {
        StudyConfiguration configuration = configuration(1, 0, List.of());
        settingsFiles.put(STUDY.resolve("study.properties"), StudySettings.of(configuration));
        StudyConfiguration moreThreads = new StudyConfiguration(configuration.searchTemplate().toBuilder().threads(2).build(),
                configuration.retrainTemplate(), 1, 0, List.of(), 1);
        assertEquals(StudySettings.of(configuration), StudySettings.of(moreThreads));
        service.run(moreThreads, STUDY, "study");
        verify(searches).search(any(), any(), anyString());
    }

    @Test
    void aDirectoryWithOtherFilesIsNoStudy() {
        directoryEmpty = false;
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> service.run(configuration(1, 1, List.of()), STUDY, "study"));
        assertTrue(refused.getMessage().contains("--output"), refused.getMessage());
        verifyNoInteractions(searches, retrains);
    }

    @Test
    void aRetrainingRunOfAnotherCellIsRefusedRatherThanReportedUnderTheWrongName() {
        StudyConfiguration configuration = configuration(0, 1, List.of());
        retrainConfigurations.put(STUDY.resolve("train-random-1"), stored(PublishedGenotypes.byName("darts-v2")));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> service.run(configuration, STUDY, "study"));
        assertTrue(refused.getMessage().contains("train-random-1"), refused.getMessage());
    }

    @Test
    void badSettingsAreRefusedNamingTheSettingBeforeAnythingIsWritten() {
        assertRefused("published", configuration(1, 1, List.of("snas-gentle")));
        assertRefused("published", configuration(1, 1, List.of("snas-mild", "snas-mild")));
        assertRefused("searches", configuration(-1, 1, List.of()));
        assertRefused("randomCells", configuration(1, -2, List.of()));
        assertRefused("searches", configuration(0, 0, List.of()));
        assertRefused("trainSeeds", new StudyConfiguration(SearchConfiguration.DEFAULTS, template(), 1, 1, List.of(), 1, 0));
        StudyConfiguration odd = configuration(1, 1, List.of());
        assertRefused("retrain.channels", new StudyConfiguration(odd.searchTemplate(), template().toBuilder().channels(15).build(), 1, 1,
                List.of(), 1));
        assertRefused("search.epochs", new StudyConfiguration(odd.searchTemplate().toBuilder().epochs(0).build(), template(), 1, 1, List.of(), 1));
        assertTrue(settingsFiles.isEmpty());
        verifyNoInteractions(searches, retrains);
    }

    @Test
    void randomCellsDependOnTheSeedAndIndexOnlyAndFollowTheSearchesTop2Rule() {
        StudyConfiguration configuration = configuration(1, 3, List.of());
        assertEquals(StudyService.randomCell(configuration, 2), StudyService.randomCell(configuration(4, 9, List.of("darts-v2")), 2));
        assertNotEquals(StudyService.randomCell(configuration, 1), StudyService.randomCell(configuration, 2));
        StudyConfiguration otherSeed = new StudyConfiguration(configuration.searchTemplate(), template(), 1, 3, List.of(), 2);
        assertNotEquals(StudyService.randomCell(configuration, 1), StudyService.randomCell(otherSeed, 1));
        StudyConfiguration snasRule = new StudyConfiguration(configuration.searchTemplate().toBuilder().top2Rule(Top2Rule.SNAS).build(),
                template(), 1, 3, List.of(), 1);
        boolean keepsNone = false;
        for (int i = 1; i <= 50; i++) {
            keepsNone |= StudyService.randomCell(snasRule, i).normal().edges().stream().anyMatch(e -> e.operation().id().equals("none"));
        }
        assertTrue(keepsNone, "under the SNAS rule a random cell may keep none, as a searched one may");
    }

    @Test
    void statisticsAndVerdictCompareTheSearchedMeanWithTheRandomSpread() {
        List<StudyCell> cells = List.of(cell(StudyGroup.SEARCHED, 0.8695), cell(StudyGroup.SEARCHED, 0.8566),
                cell(StudyGroup.RANDOM, 0.8712), cell(StudyGroup.RANDOM, 0.8813), cell(StudyGroup.RANDOM, 0.8816),
                cell(StudyGroup.PUBLISHED, 0.8880));
        StudyResult result = new StudyResult(STUDY, List.of(), cells);

        GroupStatistics random = result.statistics(StudyGroup.RANDOM);
        assertEquals(3, random.cells());
        assertEquals(0.878033, random.mean(), 1e-6);
        assertEquals(0.005920, random.standardDeviation(), 1e-6);
        assertEquals(Double.NaN, result.statistics(StudyGroup.PUBLISHED).standardDeviation());
        assertEquals((0.86305 - 0.878033) / 0.005920, result.searchedVersusRandom().getAsDouble(), 1e-3);
        assertTrue(result.verdict().contains("-2.53 random standard deviations"), result.verdict());
        assertTrue(result.verdict().contains("worse than random"), result.verdict());
        // 0.8695 beats 0 of 3, 0.8566 none: U = 0 of 6, so P(U >= 0) = 1.
        assertTrue(result.verdict().contains("Ranks: the searched cells beat 0 and 0 of the 3 random cells (U = 0 of 6; "
                + "one-sided Mann-Whitney p = 1.000"), result.verdict());

        StudyResult oneRandom = new StudyResult(STUDY, List.of(), cells.subList(0, 3));
        assertTrue(oneRandom.searchedVersusRandom().isEmpty());
        assertTrue(oneRandom.verdict().contains("at least 2 random cells"), oneRandom.verdict());
        assertTrue(oneRandom.verdict().endsWith("Ranks: the searched cells beat 0 and 0 of the 1 random cells (U = 0 of 2; one-sided "
                + "Mann-Whitney p = 1.000 that chance ranks them this high)."), oneRandom.verdict());
        StudyResult noSearch = new StudyResult(STUDY, List.of(), cells.subList(2, 6));
        assertTrue(noSearch.ranks().isEmpty());
        assertEquals("Verdict: none (the study has no searched cells).", noSearch.verdict());
    }

    @Test
    void theReportHasARowPerCellAndTheGroupsStatistics() {
        List<StudyCell> cells = List.of(cell(StudyGroup.SEARCHED, 0.9), cell(StudyGroup.RANDOM, 0.8), cell(StudyGroup.RANDOM, 0.85));
        StudyResult result = new StudyResult(STUDY, List.of(), cells);
        String csv = StudyReport.csv(result);
        assertEquals("group,cell,run_directory,test_top1,parameters,cell_flops,train_seconds,search_seconds,test_top1_by_seed",
                csv.lines().findFirst().orElseThrow());
        assertTrue(csv.contains("\nsearched,searched-0.9,train-searched-0.9,0.900000,200000,"), csv);
        assertTrue(csv.contains(",780.0,0.900000\n"), csv);
        String tables = StudyReport.tables(result);
        assertTrue(tables.contains("| random   |   2 |     82.50% | 3.54 |"), tables);
        assertTrue(!tables.contains("per seed"), "one retraining per cell needs no per-seed column: " + tables);
    }

    @Test
    void everyCellIsRetrainedOncePerSeedAndComparedByItsMean() {
        StudyConfiguration configuration = new StudyConfiguration(SearchConfiguration.DEFAULTS, template(), 1, 2, List.of(), 1, 2);
        assertEquals(7, configuration.items());

        StudyResult result = service.run(configuration, STUDY, "study");

        assertEquals(List.of("study " + STUDY + " 7", "1/7 search-seed-1 STARTED", "2/7 train-searched-seed-1 STARTED",
                "3/7 train-searched-seed-1-seed-2 STARTED", "4/7 train-random-1 STARTED", "5/7 train-random-1-seed-2 STARTED",
                "6/7 train-random-2 STARTED", "7/7 train-random-2-seed-2 STARTED"), events);
        ArgumentCaptor<RetrainConfiguration> retrained = ArgumentCaptor.forClass(RetrainConfiguration.class);
        verify(retrains, times(6)).retrain(retrained.capture(), any(), eq("study"));
        assertEquals(List.of(1L, 2L, 1L, 2L, 1L, 2L), retrained.getAllValues().stream().map(RetrainConfiguration::seed).toList());
        StudyCell random1 = result.cells().get(1);
        assertEquals(List.of(STUDY.resolve("train-random-1"), STUDY.resolve("train-random-1-seed-2")), random1.runDirectories());
        // The fake retraining's accuracy grows by 0.001 per run: the third and fourth runs are random-1's.
        assertEquals(List.of(0.852, 0.853), random1.testTop1BySeed());
        assertEquals(0.8525, random1.testTop1(), 1e-12);
        assertEquals(240.0, random1.trainSeconds(), "both retrainings' epochs");
        assertEquals(0.8535, result.statistics(StudyGroup.RANDOM).mean(), 1e-12, "the group's statistics are over the cells' means");
        String tables = StudyReport.tables(result);
        assertTrue(tables.contains("85.20% / 85.30%"), tables);
        assertTrue(texts.get(STUDY.resolve("study.md")).contains("once with each seed 1..2"), texts.get(STUDY.resolve("study.md")));
        assertTrue(texts.get(STUDY.resolve("study.csv")).contains(",0.852000;0.853000\n"), texts.get(STUDY.resolve("study.csv")));
    }

    @Test
    void aRetrainingRunOfAnotherSeedIsRefused() {
        StudyConfiguration configuration = new StudyConfiguration(SearchConfiguration.DEFAULTS, template(), 0, 1, List.of(), 1, 2);
        Genotype cell = StudyService.randomCell(configuration, 1);
        retrainConfigurations.put(STUDY.resolve("train-random-1-seed-2"), stored(cell));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> service.run(configuration, STUDY, "study"));
        assertTrue(refused.getMessage().contains("train-random-1-seed-2"), refused.getMessage());
        assertTrue(refused.getMessage().contains("seed 1, the study expects seed 2"), refused.getMessage());
    }

    private void assertRefused(String setting, StudyConfiguration configuration) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> service.run(configuration, STUDY, "study"));
        assertEquals(setting, refused.setting(), refused.getMessage());
    }

    @Test
    void aSettingRefusedInsideASearchOrARetrainingIsNamedAsTheTemplatesSetting() {
        doThrow(new InvalidSettingException("batchSize", "batch size 500 is larger")).when(searches).search(any(), any(), anyString());
        assertEquals("search.batchSize", assertThrows(InvalidSettingException.class,
                () -> service.run(configuration(1, 0, List.of()), STUDY.resolve("a"), "study")).setting());
        doThrow(new InvalidSettingException("batchSize", "batch size 500 is larger")).when(retrains).retrain(any(), any(), anyString());
        assertEquals("retrain.batchSize", assertThrows(InvalidSettingException.class,
                () -> service.run(configuration(0, 1, List.of()), STUDY.resolve("b"), "study")).setting());
    }

    private static StudyCell cell(StudyGroup group, double accuracy) {
        String name = group.id() + "-" + accuracy;
        return new StudyCell(group, name, STUDY.resolve("train-" + name), PublishedGenotypes.byName("snas-mild"), accuracy, 200_000, 1e7, 480,
                group == StudyGroup.SEARCHED ? OptionalDouble.of(780) : OptionalDouble.empty());
    }

    private static StudyConfiguration configuration(int searches, int randomCells, List<String> published) {
        return new StudyConfiguration(SearchConfiguration.DEFAULTS, template(), searches, randomCells, published, 1);
    }

    private static RetrainConfiguration template() {
        return RetrainConfiguration.DEFAULTS.withGenotype("template", PublishedGenotypes.byName("snas-mild"));
    }

    /** The top-2 cell the fake search of {@code seed} finds. */
    private static Genotype searchedTop2(long seed) {
        return RandomGenotypes.top2(new SplittableRandom(1000 + seed));
    }

    private SearchOutcome finishSearch(Path run) {
        long seed = Long.parseLong(run.getFileName().toString().substring("search-seed-".length()));
        EpochMetrics epoch = new EpochMetrics(0, 1, 0.025, 1, 0.5, 0.5, 0.5, 1, 1, 1, 1, 0, 1, 10, 60, 0.5);
        SearchOutcome outcome = new SearchOutcome(run, PortFixtures.edgeAllGenotype(1), searchedTop2(seed), List.of(epoch));
        startedSearches.remove(run);
        finishedSearches.put(run, outcome);
        return outcome;
    }

    private StoredRetrainRun stored(Genotype genotype) {
        return new StoredRetrainRun(template().withGenotype("test", genotype), PROVENANCE, SHAPE, Normalization.unitScale(1));
    }

    private RetrainOutcome finishRetrain(Path run) {
        RetrainResult result = new RetrainResult(new ChildEvaluation(10_000, 0.3, 0.85 + 0.001 * retrainResults.size(), OptionalDouble.empty()),
                200_000, 200_000, PROVENANCE);
        retrainResults.put(run, result);
        return new RetrainOutcome(run, List.of(), result);
    }

    private ChildRunDirectory openRetrain(Path run) {
        ChildRunDirectory directory = mock(ChildRunDirectory.class);
        when(directory.path()).thenReturn(run);
        when(directory.readConfiguration()).thenAnswer(i -> retrainConfigurations.get(run));
        when(directory.readResult()).thenAnswer(i -> Optional.ofNullable(retrainResults.get(run)));
        when(directory.metrics()).thenReturn(List.of(new RetrainEpochMetrics(0, 0.025, 0, 1, 0.5, "test", 1, 0.5, 0.9, 120)));
        return directory;
    }
}
