package org.snas4j.application.service.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.in.search.SearchOutcome;
import org.snas4j.application.port.in.sweep.SweepPlan;
import org.snas4j.application.port.in.sweep.SweepSummary;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.data.DatasetSource;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.storage.GenotypeRepository;
import org.snas4j.application.port.out.storage.PortFixtures;
import org.snas4j.application.port.out.storage.RunDirectory;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;
import org.snas4j.application.port.out.trial.SweepChartWriter;
import org.snas4j.application.port.out.trial.SweepFiles;
import org.snas4j.application.port.out.trial.SweepListener;
import org.snas4j.application.port.out.trial.SweepManifest;
import org.snas4j.application.port.out.trial.TrialExecutor;
import org.snas4j.application.port.out.trial.TrialHandle;
import org.snas4j.application.port.out.trial.TrialLaunch;
import org.snas4j.application.port.out.trial.TrialRecord;
import org.snas4j.application.port.out.trial.TrialState;
import org.snas4j.application.port.out.trial.TrialStatus;
import org.snas4j.domain.cost.ConstraintLevel;
import org.snas4j.domain.genotype.Genotype;

/** The sweep's scheduling, bookkeeping and summary against in-memory ports: what is launched, kept, followed or resumed. */
class SweepServiceTest {

    private static final Path SWEEP = Path.of("/sweeps/s");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    private final Runs runs = new Runs();
    private final Files files = new Files();
    private final Map<Path, Genotype> savedGenotypes = new HashMap<>();
    private final List<String> chart = new ArrayList<>();
    private final Executor executor = new Executor();
    private final SweepService service = new SweepService(runs, files, (GenotypeRepository) new Genotypes(), new NoData(),
            (png, title, trials, front) -> chart.add(png + " " + trials.size() + " " + front.size()), SweepListener.NONE, CLOCK, "test");

    @Test
    void runsEveryTrialThenSummarisesTheFrontAndTheBestPerConstraint() {
        // Accuracy by trial: the aggressive trials are smaller; seed 2 wins at mild, seed 1 at aggressive.
        executor.onStart = launch -> runs.finish(launch.runDirectory(), Map.of("001-seed-1-constraint-mild", 0.70,
                "002-seed-1-constraint-aggressive", 0.66, "003-seed-2-constraint-mild", 0.72, "004-seed-2-constraint-aggressive", 0.60)
                .get(launch.trialName()), launch.trialName().contains("mild") ? 1 : 4);

        SweepSummary summary = service.run(plan(), SWEEP, executor, 1, "sweep --seed 1,2 --constraint mild,aggressive");

        assertEquals(4, executor.started.size());
        assertTrue(executor.started.stream().noneMatch(TrialLaunch::resume));
        assertEquals(4, summary.count(TrialState.SUCCEEDED));
        assertTrue(files.manifest.trials().stream().allMatch(t -> t.state() == TrialState.SUCCEEDED && t.launches() == 1));
        assertEquals(List.of("mild", "aggressive"), summary.best().stream().map(SweepSummary.Best::constraint).toList());
        assertEquals("003-seed-2-constraint-mild", summary.best().get(0).trial().name());
        assertEquals("002-seed-1-constraint-aggressive", summary.best().get(1).trial().name());
        assertTrue(savedGenotypes.containsKey(SWEEP.resolve("best-mild-edge-all.pb")));
        assertTrue(savedGenotypes.containsKey(SWEEP.resolve("best-aggressive-top2.json")));
        assertEquals(12, savedGenotypes.size(), "two forms in three formats per constraint");
        assertFalse(summary.front().isEmpty());
        assertTrue(summary.front().stream().allMatch(SweepSummary.TrialRow::finished));
        assertTrue(files.texts.get(SWEEP.resolve("summary.md")).contains("003-seed-2-constraint-mild"));
        assertEquals(5, files.texts.get(SWEEP.resolve("summary.csv")).lines().count());
        assertEquals(List.of(SWEEP.resolve("front.png") + " 4 " + summary.front().size()), chart);
        assertTrue(Double.isNaN(summary.trials().get(0).actualFlops()), "no dataset here: no FLOPs, but parameters");
        assertTrue(summary.trials().get(0).actualParameters() > 0);
    }

    @Test
    void aContinuedSweepKeepsFinishedFollowsRunningAndResumesInterruptedTrials() {
        SweepPlan plan = plan();
        service.preview(plan, SWEEP, executor, 1);
        assertTrue(files.manifest == null, "a preview writes nothing");
        // A sweep killed while its trials ran: 001 finished, 002 still running, 003 died after a checkpoint, 004 never started.
        files.manifest = manifestOf(plan);
        files.manifest = files.manifest
                .withTrial("001-seed-1-constraint-mild", t -> t.launched(new TrialHandle("p1"), 1, CLOCK.instant()))
                .withTrial("002-seed-1-constraint-aggressive", t -> t.launched(new TrialHandle("p2"), 1, CLOCK.instant()))
                .withTrial("003-seed-2-constraint-mild", t -> t.launched(new TrialHandle("p3"), 1, CLOCK.instant()));
        runs.finish(SWEEP.resolve("001-seed-1-constraint-mild"), 0.7, 1);
        runs.started.add(SWEEP.resolve("002-seed-1-constraint-aggressive"));
        runs.started.add(SWEEP.resolve("003-seed-2-constraint-mild"));
        executor.alive.add("p2");
        executor.onStart = launch -> runs.finish(launch.runDirectory(), 0.6, 2);
        executor.onPoll = handle -> {
            if (handle.id().equals("p2")) {
                runs.finish(SWEEP.resolve("002-seed-1-constraint-aggressive"), 0.65, 4);
            }
        };

        service.run(plan, SWEEP, executor, 1, "again");

        assertEquals(List.of("003-seed-2-constraint-mild", "004-seed-2-constraint-aggressive"),
                executor.started.stream().map(TrialLaunch::trialName).toList(), "finished and still running trials are not launched");
        assertTrue(executor.started.get(0).resume(), "the interrupted trial continues from its checkpoint");
        assertEquals(2, executor.started.get(0).launch());
        assertFalse(executor.started.get(1).resume());
        assertEquals(1, files.manifest.trial("002-seed-1-constraint-aggressive").launches(), "followed, not launched again");
        assertTrue(files.manifest.trials().stream().allMatch(t -> t.state() == TrialState.SUCCEEDED));
    }

    @Test
    void aLaunchSubmittedButNotRecordedBeforeTheSweepWasKilledIsFollowedAndRecordedOnce() {
        SweepPlan plan = plan();
        files.manifest = manifestOf(plan); // every trial pending, no launch recorded
        String orphan = "001-seed-1-constraint-mild";
        executor.submittedUnrecorded.add(orphan);
        runs.started.add(SWEEP.resolve(orphan));
        executor.onPoll = handle -> {
            if (handle.id().equals("found-" + orphan)) {
                runs.finish(SWEEP.resolve(orphan), 0.7, 1);
            }
        };
        executor.onStart = launch -> runs.finish(launch.runDirectory(), 0.6, 2);

        service.run(plan, SWEEP, executor, 1, "again");

        assertFalse(executor.started.stream().anyMatch(l -> l.trialName().equals(orphan)), "followed, not launched again");
        assertEquals(1, files.manifest.trial(orphan).launches(), "the launch it followed is recorded");
        assertTrue(files.manifest.trials().stream().allMatch(t -> t.state() == TrialState.SUCCEEDED && t.launches() == 1));
    }

    @Test
    void aFailedTrialIsRecordedWithItsReasonAndResumedByTheNextRun() {
        executor.failNext.add("001-seed-1-constraint-mild");
        executor.onStart = launch -> {
            runs.started.add(launch.runDirectory());
            if (!executor.failNext.contains(launch.trialName())) {
                runs.finish(launch.runDirectory(), 0.7, 1);
            }
        };

        SweepSummary first = service.run(plan(), SWEEP, executor, 1, "first");

        assertEquals(1, first.count(TrialState.FAILED));
        TrialRecord failed = files.manifest.trial("001-seed-1-constraint-mild");
        assertEquals(TrialState.FAILED, failed.state());
        assertEquals("exit code 2: bad data", failed.message());
        executor.failNext.clear();
        executor.started.clear();

        SweepSummary second = service.run(plan(), SWEEP, executor, 1, "second");

        assertEquals(List.of("001-seed-1-constraint-mild"), executor.started.stream().map(TrialLaunch::trialName).toList());
        assertTrue(executor.started.get(0).resume());
        assertEquals(4, second.count(TrialState.SUCCEEDED));
    }

    @Test
    void aLaunchThatEndedWithoutFinishingIsResumedAtOnce() {
        executor.endOnce.add("002-seed-1-constraint-aggressive");
        executor.onStart = launch -> {
            runs.started.add(launch.runDirectory());
            if (!executor.endOnce.remove(launch.trialName())) {
                runs.finish(launch.runDirectory(), 0.7, 1);
            }
        };

        SweepSummary summary = service.run(plan(), SWEEP, executor, 1, "once");

        assertEquals(4, summary.count(TrialState.SUCCEEDED));
        assertEquals(5, executor.started.size());
        assertEquals(2, files.manifest.trial("002-seed-1-constraint-aggressive").launches());
    }

    @Test
    void refusesAnotherSweepsDirectoryAndAForeignOneWithoutLaunching() {
        files.manifest = manifestOf(plan());
        SweepPlan other = SweepPlan.expand(List.of(new SweepPlan.Axis("--seed", List.of("1", "2", "3"))), List.of(), SweepServiceTest::parse);

        InvalidInputException another = assertThrows(InvalidInputException.class, () -> service.run(other, SWEEP, executor, 1, "x"));

        assertTrue(another.getMessage().startsWith(SWEEP + ": holds another sweep"), another.getMessage());
        files.manifest = null;
        files.foreign = true;
        InvalidInputException foreign = assertThrows(InvalidInputException.class, () -> service.run(plan(), SWEEP, executor, 1, "x"));
        assertTrue(foreign.getMessage().contains("no sweep manifest"), foreign.getMessage());
        assertTrue(executor.started.isEmpty());
        assertThrows(InvalidInputException.class, () -> service.summarize(SWEEP), "no manifest, no summary");
    }

    @Test
    void refusesAnInvalidTrialNamingItsSettingAndTheTrial() {
        SweepPlan plan = SweepPlan.expand(List.of(new SweepPlan.Axis("--epochs", List.of("2", "0"))), List.of(),
                args -> SearchConfiguration.builder().epochs(Integer.parseInt(args.get(1))).build());

        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> service.run(plan, SWEEP, executor, 1, "x"));

        assertEquals("epochs", e.setting(), "the command line names its flag");
        assertTrue(e.getMessage().contains("002-epochs-0"), e.getMessage());
        assertTrue(files.manifest == null && executor.started.isEmpty());
    }

    private static SweepPlan plan() {
        return SweepPlan.expand(List.of(new SweepPlan.Axis("--seed", List.of("1", "2")),
                new SweepPlan.Axis("--constraint", List.of("mild", "aggressive"))), List.of("--epochs", "2"), SweepServiceTest::parse);
    }

    private static SearchConfiguration parse(List<String> arguments) {
        SearchConfiguration.Builder builder = SearchConfiguration.builder().epochs(2);
        for (int i = 0; i < arguments.size(); i += 2) {
            switch (arguments.get(i)) {
                case "--seed" -> builder.seed(Long.parseLong(arguments.get(i + 1)));
                case "--constraint" -> builder.lambda(ConstraintLevel.fromId(arguments.get(i + 1)).lambda());
                default -> { }
            }
        }
        return builder.build();
    }

    private static SweepManifest manifestOf(SweepPlan plan) {
        List<TrialRecord> trials = plan.trials().stream()
                .map(t -> TrialRecord.pending(t.name(), t.assignment(), t.searchArguments(), t.configuration(), CLOCK.instant())).toList();
        return new SweepManifest("sabc1234", List.of(), plan.commonArguments(), trials, CLOCK.instant(), "test", "first", "fake");
    }

    /** Runs: finished ones have an outcome whose edge-all genotype's size grows with {@code variant}. */
    private static final class Runs implements RunDirectoryFactory {
        final Set<Path> started = new HashSet<>();
        final Map<Path, SearchOutcome> finished = new HashMap<>();

        void finish(Path run, double accuracy, int variant) {
            started.add(run);
            EpochMetrics metrics = new EpochMetrics(1, 0.5, 0.01, 1.0, 0.5, 0.5, accuracy, 1.0, 5e4, 1e6, 1e6, 0.1, 1.0, 10, 1.0, accuracy);
            finished.put(run, new SearchOutcome(run, PortFixtures.edgeAllGenotype(variant), PortFixtures.top2Genotype(variant),
                    List.of(PortFixtures.metrics(0), metrics)));
        }

        @Override
        public RunDirectory create(Path directory) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RunDirectory resume(Path directory) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isRunDirectory(Path directory) {
            return started.contains(directory);
        }

        @Override
        public Optional<SearchOutcome> finishedOutcome(Path directory) {
            return Optional.ofNullable(finished.get(directory));
        }
    }

    private final class Files implements SweepFiles {
        SweepManifest manifest;
        boolean foreign;
        final Map<Path, String> texts = new HashMap<>();

        @Override
        public boolean isAbsentOrEmpty(Path directory) {
            return !foreign && manifest == null;
        }

        @Override
        public Optional<SweepManifest> readManifest(Path sweepDirectory) {
            return Optional.ofNullable(manifest);
        }

        @Override
        public void writeManifest(Path sweepDirectory, SweepManifest written) {
            manifest = written;
        }

        @Override
        public AutoCloseable lock(Path sweepDirectory) {
            return () -> { };
        }

        @Override
        public List<EpochMetrics> metrics(Path runDirectory) {
            return runs.finishedOutcome(runDirectory).map(SearchOutcome::metrics).orElse(List.of());
        }

        @Override
        public void writeText(Path file, String content) {
            texts.put(file, content);
        }
    }

    private final class Genotypes implements GenotypeRepository {
        @Override
        public void save(Path file, Genotype genotype) {
            savedGenotypes.put(file, genotype);
        }

        @Override
        public Genotype load(Path file) {
            throw new UnsupportedOperationException();
        }
    }

    private static final class NoData implements DatasetSource {
        @Override
        public DatasetSplits load(DatasetRequest request) {
            throw new InvalidInputException(request.name(), "not on this machine");
        }
    }

    /** Launches whose end the test decides: they succeed at the first look unless told otherwise. */
    private static final class Executor implements TrialExecutor {
        final List<TrialLaunch> started = new ArrayList<>();
        final Set<String> alive = new HashSet<>();
        /** Trials whose first launch was submitted by a sweep killed before it recorded the launch. */
        final Set<String> submittedUnrecorded = new HashSet<>();
        final Set<String> failNext = new HashSet<>();
        final Set<String> endOnce = new HashSet<>();
        final Map<String, String> trialOf = new HashMap<>();
        java.util.function.Consumer<TrialLaunch> onStart = launch -> { };
        java.util.function.Consumer<TrialHandle> onPoll = handle -> { };

        @Override
        public String description() {
            return "fake";
        }

        @Override
        public int slots() {
            return 2;
        }

        @Override
        public Duration pollInterval() {
            return Duration.ZERO;
        }

        @Override
        public void checkReady() {
        }

        @Override
        public String preview(TrialLaunch launch) {
            return String.join(" ", launch.commandArguments(launch.runDirectory().toString()));
        }

        @Override
        public TrialHandle start(TrialLaunch launch) {
            boolean fails = failNext.contains(launch.trialName());
            boolean ends = endOnce.contains(launch.trialName());
            started.add(launch);
            onStart.accept(launch);
            TrialHandle handle = new TrialHandle("h" + started.size());
            trialOf.put(handle.id(), fails ? "fail" : ends ? "end" : "ok");
            return handle;
        }

        @Override
        public Optional<TrialHandle> reattach(TrialLaunch launch, Optional<TrialHandle> recorded) {
            if (recorded.isEmpty() && submittedUnrecorded.contains(launch.trialName()) && launch.launch() == 1) {
                return Optional.of(new TrialHandle("found-" + launch.trialName())); // as a Job is found by its labels
            }
            return recorded.filter(h -> alive.contains(h.id()));
        }

        @Override
        public TrialStatus poll(TrialHandle handle) {
            onPoll.accept(handle);
            return switch (trialOf.getOrDefault(handle.id(), "ok")) {
                case "fail" -> new TrialStatus(TrialStatus.Phase.FAILED, 1, "exit code 2: bad data");
                case "end" -> new TrialStatus(TrialStatus.Phase.ENDED, 1, "");
                default -> new TrialStatus(TrialStatus.Phase.SUCCEEDED, 1, "");
            };
        }

        @Override
        public void cleanUp(TrialHandle handle) {
        }

        @Override
        public void close() {
        }
    }
}
