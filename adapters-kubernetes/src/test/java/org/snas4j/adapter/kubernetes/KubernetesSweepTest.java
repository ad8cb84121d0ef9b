package org.snas4j.adapter.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.adapter.storage.dataset.FileDatasetSource;
import org.snas4j.adapter.storage.genotype.ProtobufGenotypeRepository;
import org.snas4j.adapter.storage.report.JFreeChartSweepChartWriter;
import org.snas4j.adapter.storage.search.FileRunDirectoryFactory;
import org.snas4j.adapter.storage.sweep.FileSweepFiles;
import org.snas4j.application.port.in.provenance.Provenance;
import org.snas4j.application.port.in.search.EpochMetrics;
import org.snas4j.application.port.in.search.SearchConfiguration;
import org.snas4j.application.port.in.sweep.SweepPlan;
import org.snas4j.application.port.in.sweep.SweepSummary;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.storage.PortFixtures;
import org.snas4j.application.port.out.storage.RunDirectory;
import org.snas4j.application.port.out.trial.SweepListener;
import org.snas4j.application.port.out.trial.TrialState;
import org.snas4j.application.service.sweep.SweepService;

/**
 * A sweep driving Kubernetes Jobs on fabric8's mock API server (CRUD mode), with its manifest and
 * the trials' run directories as real files. The test plays the Job controller and the pods: it
 * writes the runs the pods would write on the shared claim and the Job status the controller would.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesSweepTest {

    KubernetesClient client;

    @TempDir
    Path sweep;

    private final ExecutorService driver = Executors.newSingleThreadExecutor();
    private final FileRunDirectoryFactory runs = new FileRunDirectoryFactory();
    private final FileSweepFiles files = new FileSweepFiles();
    private final SweepService service = new SweepService(runs, files, new ProtobufGenotypeRepository(), new FileDatasetSource(),
            new JFreeChartSweepChartWriter(), SweepListener.NONE, Clock.systemUTC(), "test");

    @AfterEach
    void stopDriver() {
        driver.shutdownNow();
    }

    @Test
    void aPodThatFailsIsRetriedInItsJobWhichResumesTheRunAndIsDeletedOnSuccess() throws Exception {
        MockCluster cluster = new MockCluster(client).withNamespaceAndClaim();
        Set<String> seen = new LinkedHashSet<>();
        Future<SweepSummary> running = start(plan(1), 1);

        Job job = awaitJobs(cluster, 1, seen, running).get(0);
        assertTrue(args(job).contains("--resume-existing"), "a retried pod continues the run it finds: " + args(job));
        startRun(sweep.resolve("001-seed-1"), 1);
        cluster.podFailedAndRetried(job.getMetadata().getName(), 1);
        Thread.sleep(200);
        finishRun(sweep.resolve("001-seed-1"), 1, 0.71);
        cluster.complete(job.getMetadata().getName());
        SweepSummary summary = running.get(2, TimeUnit.MINUTES);

        assertEquals(1, summary.count(TrialState.SUCCEEDED));
        assertEquals(Set.of("snas4j-" + sweepId() + "-001-1"), seen, "one Job: the retry was a pod of it, not a new Job");
        assertEquals(1, files.readManifest(sweep).orElseThrow().trial("001-seed-1").launches());
        assertTrue(cluster.jobs().isEmpty(), "the succeeded trial's Job is deleted");
        assertTrue(Files.exists(sweep.resolve("best-none-edge-all.pb")) && Files.exists(sweep.resolve("front.png")));
    }

    @Test
    void aFailedJobIsResumedByTheNextSweepWithANewJobThatContinuesTheRun() throws Exception {
        MockCluster cluster = new MockCluster(client).withNamespaceAndClaim();
        Set<String> seen = new LinkedHashSet<>();
        Future<SweepSummary> first = start(plan(1), 1);
        Job failed = awaitJobs(cluster, 1, seen, first).get(0);
        startRun(sweep.resolve("001-seed-1"), 1);
        cluster.fail(failed.getMetadata().getName(), 3);

        SweepSummary afterFailure = first.get(2, TimeUnit.MINUTES);

        assertEquals(1, afterFailure.count(TrialState.FAILED));
        assertTrue(afterFailure.trials().get(0).message().contains("BackoffLimitExceeded"), afterFailure.trials().get(0).message());
        Future<SweepSummary> second = start(plan(1), 1);
        Job resumed = awaitJobs(cluster, 2, seen, second).stream().filter(j -> !j.getMetadata().getName().equals(failed.getMetadata().getName()))
                .findFirst().orElseThrow();
        assertEquals("snas4j-" + sweepId() + "-001-2", resumed.getMetadata().getName());
        assertEquals(List.of("search", "--resume", "/snas4j/team/sweep-1/001-seed-1"), args(resumed), "resumed, not restarted");
        finishRun(sweep.resolve("001-seed-1"), 1, 0.7);
        cluster.complete(resumed.getMetadata().getName());
        SweepSummary done = second.get(2, TimeUnit.MINUTES);
        assertEquals(1, done.count(TrialState.SUCCEEDED));
        assertEquals(2, files.readManifest(sweep).orElseThrow().trial("001-seed-1").launches());
    }

    @Test
    void aSweepInterruptedAndStartedAgainFollowsItsJobsAndSubmitsNoneTwice() throws Exception {
        MockCluster cluster = new MockCluster(client).withNamespaceAndClaim();
        Set<String> seen = new LinkedHashSet<>();
        Future<SweepSummary> killed = start(plan(3), 2);
        awaitJobs(cluster, 2, seen, killed);
        killed.cancel(true);
        while (!killed.isDone()) {
            Thread.sleep(20);
        }
        Thread.sleep(200);
        assertEquals(2, cluster.jobs().size(), "the interrupted sweep's Jobs run on");

        Future<SweepSummary> again = start(plan(3), 2);
        Set<String> completed = new LinkedHashSet<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!again.isDone() && System.nanoTime() < deadline) {
            for (Job job : cluster.jobs()) {
                String name = job.getMetadata().getName();
                seen.add(name);
                if (completed.add(name)) {
                    String trial = job.getMetadata().getAnnotations().get(KubernetesTrialExecutor.TRIAL_NAME_ANNOTATION);
                    finishRun(sweep.resolve(trial), completed.size(), 0.6 + 0.05 * completed.size());
                    cluster.complete(name);
                }
            }
            Thread.sleep(20);
        }
        SweepSummary summary = again.get(1, TimeUnit.SECONDS);

        assertEquals(3, summary.count(TrialState.SUCCEEDED));
        String id = sweepId();
        assertEquals(Set.of("snas4j-" + id + "-001-1", "snas4j-" + id + "-002-1", "snas4j-" + id + "-003-1"), seen,
                "every trial had exactly one Job");
        assertTrue(files.readManifest(sweep).orElseThrow().trials().stream().allMatch(t -> t.launches() == 1));
    }

    private Future<SweepSummary> start(SweepPlan plan, int parallel) {
        KubernetesTrialExecutor executor = new KubernetesTrialExecutor(client, MockCluster.settings(parallel, Optional.of("1")));
        return driver.submit(() -> service.run(plan, sweep, executor, 1, "sweep --executor kubernetes"));
    }

    private String sweepId() {
        return files.readManifest(sweep).orElseThrow().sweepId();
    }

    private static List<String> args(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    }

    private static List<Job> awaitJobs(MockCluster cluster, int count, Set<String> seen, Future<?> driver) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            List<Job> jobs = cluster.jobs();
            jobs.forEach(j -> seen.add(j.getMetadata().getName()));
            if (jobs.size() >= count) {
                return jobs;
            }
            if (driver.isDone()) {
                driver.get(); // the sweep's own failure, if it failed
                throw new AssertionError("the sweep ended with " + jobs.size() + " Jobs, expected " + count);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("fewer than " + count + " Jobs after 3 minutes: " + cluster.jobs().size());
    }

    private static SweepPlan plan(int seeds) {
        List<String> values = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            values.add(Integer.toString(seed));
        }
        return SweepPlan.expand(List.of(new SweepPlan.Axis("--seed", values)), List.of("--epochs", "2"),
                arguments -> configuration(Integer.parseInt(arguments.get(arguments.indexOf("--seed") + 1))));
    }

    private static SearchConfiguration configuration(int seed) {
        return SearchConfiguration.builder().dataset(new DatasetRequest(FileDatasetSource.FASHION_MNIST_SUBSET, Optional.empty()))
                .epochs(2).seed(seed).build();
    }

    /** What a trial's first pod leaves: the run's configuration and its first epoch. */
    private void startRun(Path run, int seed) {
        try (RunDirectory directory = runs.create(run)) {
            directory.writeConfiguration(configuration(seed), new Provenance(seed, "fashion-mnist-subset", "f00d", "test", Instant.now(), null,
                    "search"));
            directory.recordMetrics(PortFixtures.metrics(0));
        }
    }

    /** What the pod that finishes a trial leaves: every epoch and the final genotypes. */
    private void finishRun(Path run, int seed, double accuracy) {
        if (!runs.isRunDirectory(run)) {
            startRun(run, seed);
        }
        try (RunDirectory directory = runs.resume(run)) {
            EpochMetrics last = PortFixtures.metrics(1);
            directory.recordMetrics(new EpochMetrics(1, last.temperature(), last.learningRate(), last.trainLoss(), last.trainAccuracy(),
                    last.supernetAccuracy(), accuracy, last.childLoss(), last.expectedParameters(), last.expectedFlops(), last.expectedMac(),
                    last.penalty(), last.entropy(), last.parameterFreeEdges(), last.seconds(), accuracy));
            directory.writeGenotype("final-edge-all", PortFixtures.edgeAllGenotype(seed));
            directory.writeGenotype("final-top2", PortFixtures.top2Genotype(seed));
        }
    }
}
