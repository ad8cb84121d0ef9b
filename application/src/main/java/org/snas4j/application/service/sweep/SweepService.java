package org.snas4j.application.service.sweep;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchConfigurationValidator;
import org.snas4j.application.port.in.search.SearchOutcome;
import org.snas4j.application.port.in.sweep.RunSweepUseCase;
import org.snas4j.application.port.in.sweep.SweepPlan;
import org.snas4j.application.port.in.sweep.SweepSummary;
import org.snas4j.application.port.out.data.DatasetSource;
import org.snas4j.application.port.out.storage.GenotypeRepository;
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

/**
 * Runs a sweep: a grid of independent searches, each a normal search run directory inside the sweep
 * directory, launched by a {@link TrialExecutor} a few at a time. The manifest (grid and every
 * trial's state) is rewritten whenever a trial changes, so a killed sweep continues where it
 * stopped: a finished trial is kept, one still running (a child process or Job the killed sweep
 * started) is followed rather than launched again, an interrupted or failed one is resumed from its
 * newest checkpoint, a new one started. Nothing runs twice.
 * <pre>
 * SWEEP/sweep.textproto                 the manifest
 * SWEEP/NNN-flag-value-.../              one search run directory per trial
 * SWEEP/logs/NNN-....log                 a local trial's console output
 * SWEEP/summary.md, summary.csv, front.png, best-CONSTRAINT-{edge-all,top2}.{pb,textproto,json}
 * </pre>
 */
public final class SweepService implements RunSweepUseCase {

    static final String LOGS = "logs";
    /** An interrupted trial is resumed at most this often within one sweep; after that it is failed, so a trial that always dies does not loop. */
    static final int MAX_LAUNCHES_PER_SWEEP = 5;

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final RunDirectoryFactory runs;
    private final SweepFiles files;
    private final SweepSummaries summaries;
    private final SweepListener listener;
    private final Clock clock;
    private final String codeVersion;

    public SweepService(RunDirectoryFactory runs, SweepFiles files, GenotypeRepository genotypes, DatasetSource datasets,
                        SweepChartWriter chart, SweepListener listener, Clock clock, String codeVersion) {
        this.runs = Objects.requireNonNull(runs, "runs");
        this.files = Objects.requireNonNull(files, "files");
        this.summaries = new SweepSummaries(runs, files, genotypes, datasets, chart);
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.codeVersion = Objects.requireNonNull(codeVersion, "codeVersion");
    }

    @Override
    @SuppressWarnings("try") // the lock is held for the block, not used in it
    public SweepSummary run(SweepPlan plan, Path sweepDirectory, TrialExecutor executor, int threads, String commandLine) {
        validate(plan, threads);
        Objects.requireNonNull(sweepDirectory, "sweepDirectory");
        Objects.requireNonNull(commandLine, "commandLine");
        executor.checkReady();
        SweepManifest manifest = recordOrCheck(plan, sweepDirectory, executor.description(), commandLine);
        try (AutoCloseable lock = files.lock(sweepDirectory)) {
            // Read again under the lock: the manifest is only ever written by its lock's holder.
            SweepManifest current = files.readManifest(sweepDirectory).orElse(manifest).withExecutor(executor.description());
            new Drive(current, sweepDirectory, executor, threads).run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the lock of " + sweepDirectory + ": " + e.getMessage(), e);
        }
        return summaries.summarize(sweepDirectory);
    }

    @Override
    public List<TrialPreview> preview(SweepPlan plan, Path sweepDirectory, TrialExecutor executor, int threads) {
        validate(plan, threads);
        Optional<SweepManifest> recorded = files.readManifest(sweepDirectory);
        if (recorded.isPresent()) {
            refuseAnotherSweep(plan, recorded.get(), sweepDirectory);
        } else {
            refuseForeignFiles(sweepDirectory);
        }
        String sweepId = recorded.map(SweepManifest::sweepId).orElseGet(SweepService::newSweepId);
        List<TrialPreview> previews = new ArrayList<>();
        for (int i = 0; i < plan.trials().size(); i++) {
            SweepPlan.Trial trial = plan.trials().get(i);
            Path run = sweepDirectory.resolve(trial.name());
            if (runs.finishedOutcome(run).isPresent()) {
                continue;
            }
            int launches = recorded.map(m -> m.trial(trial.name()).launches()).orElse(0);
            TrialLaunch launch = launch(sweepId, i + 1, trial.name(), trial.searchArguments(), trial.configuration().device(),
                    runs.isRunDirectory(run), launches + 1, sweepDirectory, threads);
            previews.add(new TrialPreview(trial.name(), launch.resume(), executor.preview(launch)));
        }
        return previews;
    }

    @Override
    public SweepSummary summarize(Path sweepDirectory) {
        return summaries.summarize(sweepDirectory);
    }

    private static void validate(SweepPlan plan, int threads) {
        if (plan.trials().isEmpty()) {
            throw new InvalidInputException("sweep", "the grid has no trial");
        }
        if (threads < 0) {
            throw new InvalidInputException("--threads", "must be zero (all cores) or positive, got " + threads);
        }
        for (SweepPlan.Trial trial : plan.trials()) {
            try {
                SearchConfigurationValidator.validate(trial.configuration());
            } catch (InvalidSettingException e) {
                throw e.withNote(" (in trial " + trial.name() + ")");
            }
        }
    }

    private SweepManifest recordOrCheck(SweepPlan plan, Path sweepDirectory, String executor, String commandLine) {
        Optional<SweepManifest> recorded = files.readManifest(sweepDirectory);
        if (recorded.isPresent()) {
            refuseAnotherSweep(plan, recorded.get(), sweepDirectory);
            return recorded.get();
        }
        refuseForeignFiles(sweepDirectory);
        List<TrialRecord> trials = new ArrayList<>();
        for (SweepPlan.Trial trial : plan.trials()) {
            trials.add(TrialRecord.pending(trial.name(), trial.assignment(), trial.searchArguments(), trial.configuration(), clock.instant()));
        }
        List<SweepManifest.Axis> axes = plan.axes().stream().map(a -> new SweepManifest.Axis(a.flag(), a.values())).toList();
        SweepManifest manifest = new SweepManifest(newSweepId(), axes, plan.commonArguments(), trials, clock.instant(), codeVersion,
                commandLine, executor);
        files.writeManifest(sweepDirectory, manifest);
        return manifest;
    }

    private void refuseForeignFiles(Path sweepDirectory) {
        if (!files.isAbsentOrEmpty(sweepDirectory)) {
            throw new InvalidInputException(sweepDirectory, "holds files but no sweep manifest, so it is no sweep; choose another --output");
        }
    }

    /** A directory continues only the sweep it holds: the same trials with the same arguments. */
    private static void refuseAnotherSweep(SweepPlan plan, SweepManifest recorded, Path sweepDirectory) {
        String difference = null;
        if (recorded.trials().size() != plan.trials().size()) {
            difference = "it has " + recorded.trials().size() + " trials, this grid " + plan.trials().size();
        } else {
            for (int i = 0; i < plan.trials().size() && difference == null; i++) {
                TrialRecord before = recorded.trials().get(i);
                SweepPlan.Trial now = plan.trials().get(i);
                if (!before.name().equals(now.name()) || !before.searchArguments().equals(now.searchArguments())) {
                    difference = "its trial " + before.name() + " runs '" + String.join(" ", before.searchArguments()) + "', this grid's "
                            + now.name() + " '" + String.join(" ", now.searchArguments()) + "'";
                }
            }
        }
        if (difference != null) {
            throw new InvalidInputException(sweepDirectory, "holds another sweep (" + recorded.sweepId() + "): " + difference
                    + "; continue it with its own grid, or choose another --output");
        }
    }

    private static TrialLaunch launch(String sweepId, int index, String name, List<String> searchArguments,
                                      org.snas4j.application.port.out.device.Device device, boolean resume, int launch, Path sweepDirectory,
                                      int threads) {
        return new TrialLaunch(sweepId, index, name, searchArguments, resume, launch, sweepDirectory.resolve(name),
                sweepDirectory.resolve(LOGS).resolve(name + ".log"), device, threads);
    }

    /** A fresh id: 8 characters from [a-z0-9], starting with a letter (fits Kubernetes names and labels). */
    static String newSweepId() {
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder("s");
        for (int i = 0; i < 7; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** One sweep's scheduling loop: launches up to the executor's slots, polls, records every change. */
    private final class Drive {
        private SweepManifest manifest;
        private final Path directory;
        private final TrialExecutor executor;
        private final int threads;
        private final Deque<String> queue = new ArrayDeque<>();
        private final Map<String, TrialHandle> running = new LinkedHashMap<>();
        private final Map<String, Integer> launchesThisSweep = new LinkedHashMap<>();

        Drive(SweepManifest manifest, Path directory, TrialExecutor executor, int threads) {
            this.manifest = manifest;
            this.directory = directory;
            this.executor = executor;
            this.threads = threads;
        }

        void run() {
            files.writeManifest(directory, manifest);
            listener.sweepStarted(directory, manifest.sweepId(), manifest.trials().size(), executor.description());
            for (TrialRecord trial : manifest.trials()) {
                Path run = directory.resolve(trial.name());
                Optional<SearchOutcome> finished = runs.finishedOutcome(run);
                if (finished.isPresent()) {
                    int epochs = finished.get().metrics().size();
                    update(trial.name(), t -> t.inState(TrialState.SUCCEEDED, "", clock.instant()).withCompletedEpochs(epochs, clock.instant()),
                            "kept: finished before");
                    continue;
                }
                int lastLaunch = Math.max(1, trial.launches());
                Optional<TrialHandle> found = executor.reattach(launchOf(trial, lastLaunch), trial.handle());
                if (found.isPresent()) {
                    running.put(trial.name(), found.get());
                    update(trial.name(), t -> t.adopted(found.get(), lastLaunch, clock.instant()),
                            "still running (" + found.get() + "): followed, not launched again");
                } else {
                    queue.add(trial.name());
                }
            }
            while (!queue.isEmpty() || !running.isEmpty()) {
                while (running.size() < executor.slots() && !queue.isEmpty()) {
                    start(queue.poll());
                }
                pause();
                for (Map.Entry<String, TrialHandle> entry : List.copyOf(running.entrySet())) {
                    poll(entry.getKey(), entry.getValue());
                }
            }
        }

        private void start(String name) {
            TrialRecord trial = manifest.trial(name);
            int launch = trial.launches() + 1;
            TrialLaunch request = launchOf(trial, launch);
            TrialHandle handle = executor.start(request);
            running.put(name, handle);
            launchesThisSweep.merge(name, 1, Integer::sum);
            update(name, t -> t.launched(handle, launch, clock.instant()),
                    (request.resume() ? "resumed from its newest checkpoint" : "started") + " (" + handle + ")");
        }

        private TrialLaunch launchOf(TrialRecord trial, int launch) {
            boolean resume = runs.isRunDirectory(directory.resolve(trial.name()));
            return launch(manifest.sweepId(), trial.index(), trial.name(), trial.searchArguments(), trial.configuration().device(), resume,
                    launch, directory, threads);
        }

        private void poll(String name, TrialHandle handle) {
            TrialStatus status = executor.poll(handle);
            Path run = directory.resolve(name);
            TrialRecord trial = manifest.trial(name);
            int epochs = completedEpochs(run, trial.completedEpochs());
            if (epochs != trial.completedEpochs()) {
                update(name, t -> t.withCompletedEpochs(epochs, clock.instant()), "epoch " + epochs + " done"
                        + (status.attempt() > 1 ? " (attempt " + status.attempt() + ")" : ""));
            }
            if (!status.ended()) {
                return;
            }
            running.remove(name);
            if (runs.finishedOutcome(run).isPresent()) {
                update(name, t -> t.inState(TrialState.SUCCEEDED, "", clock.instant()), "finished");
                executor.cleanUp(handle);
            } else if (status.phase() == TrialStatus.Phase.ENDED && launchesThisSweep.getOrDefault(name, 0) < MAX_LAUNCHES_PER_SWEEP) {
                queue.addFirst(name);
                listener.trialChanged(manifest.trial(name), trial.configuration().epochs(), "ended before finishing: resuming it");
            } else {
                String why = switch (status.phase()) {
                    case FAILED -> status.message().isEmpty() ? "failed" : status.message();
                    case SUCCEEDED -> "ended successfully but its run has no final genotypes";
                    default -> "ended before finishing " + launchesThisSweep.getOrDefault(name, 0) + " times";
                };
                update(name, t -> t.inState(TrialState.FAILED, why, clock.instant()), "failed: " + why);
            }
        }

        /** Epochs the run has recorded; a metrics file caught unreadable keeps the last count (it is rewritten atomically, so that is rare). */
        private int completedEpochs(Path run, int previous) {
            try {
                List<EpochMetrics> metrics = files.metrics(run);
                return metrics.size();
            } catch (InvalidInputException e) {
                return previous;
            }
        }

        private void update(String name, UnaryOperator<TrialRecord> change, String what) {
            manifest = manifest.withTrial(name, change);
            files.writeManifest(directory, manifest);
            TrialRecord trial = manifest.trial(name);
            listener.trialChanged(trial, trial.configuration().epochs(), what);
        }

        private void pause() {
            try {
                Thread.sleep(executor.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the sweep was interrupted; its trials go on, and running it again follows them", e);
            }
        }
    }
}
