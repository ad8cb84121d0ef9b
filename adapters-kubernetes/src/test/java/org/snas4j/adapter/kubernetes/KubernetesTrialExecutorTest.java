package org.snas4j.adapter.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.Device;
import org.snas4j.application.port.out.trial.TrialHandle;
import org.snas4j.application.port.out.trial.TrialLaunch;
import org.snas4j.application.port.out.trial.TrialStatus;

/** The Jobs the Kubernetes executor submits and how it reads them, on fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class KubernetesTrialExecutorTest {

    KubernetesClient client;

    private static TrialLaunch launch(int index, boolean resume, int launch, Device device) {
        String name = String.format("%03d-seed-%d", index, index);
        return new TrialLaunch("sabcd123", index, name, List.of("--epochs", "3", "--seed", Integer.toString(index)), resume, launch,
                Path.of("/local/sweep-1").resolve(name), Path.of("/local/sweep-1/logs").resolve(name + ".log"), device, 2);
    }

    @Test
    void submitsOneJobPerTrialRunningTheImageOnTheSharedClaim() {
        MockCluster cluster = new MockCluster(client).withNamespaceAndClaim();
        KubernetesTrialExecutor executor = new KubernetesTrialExecutor(client, MockCluster.settings(2, Optional.of("2")));

        TrialHandle handle = executor.start(launch(1, false, 1, Device.GPU));

        assertEquals("snas4j-sabcd123-001-1", handle.id());
        Job job = cluster.job(handle.id());
        assertEquals(Map.of("app.kubernetes.io/name", "snas4j", "app.kubernetes.io/component", "sweep-trial", "snas4j.org/sweep", "sabcd123",
                "snas4j.org/trial", "001", "snas4j.org/launch", "1"), job.getMetadata().getLabels());
        assertEquals("001-seed-1", job.getMetadata().getAnnotations().get(KubernetesTrialExecutor.TRIAL_NAME_ANNOTATION));
        assertEquals(2, job.getSpec().getBackoffLimit(), "failed pods are retried");
        PodFailurePolicyRule rule = job.getSpec().getPodFailurePolicy().getRules().get(0);
        assertEquals("FailJob", rule.getAction());
        assertEquals(List.of(2, 3), rule.getOnExitCodes().getValues(), "bad input and divergence are not retried");
        assertEquals(job.getMetadata().getLabels(), job.getSpec().getTemplate().getMetadata().getLabels());
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertEquals("Never", pod.getRestartPolicy(), "the Job retries with a new pod, which resumes the run");
        Container container = pod.getContainers().get(0);
        assertEquals(MockCluster.IMAGE, container.getImage());
        assertEquals("IfNotPresent", container.getImagePullPolicy());
        assertEquals(List.of("search", "--output", "/snas4j/team/sweep-1/001-seed-1", "--resume-existing", "--epochs", "3", "--seed", "1",
                "--threads", "2"), container.getArgs());
        assertEquals(Map.of("cpu", new Quantity("2"), "memory", new Quantity("3Gi")), container.getResources().getRequests());
        assertEquals(Map.of("cpu", new Quantity("2"), "memory", new Quantity("4Gi"), "nvidia.com/gpu", new Quantity("1")),
                container.getResources().getLimits());
        assertEquals("/snas4j", container.getVolumeMounts().get(0).getMountPath());
        assertEquals(container.getVolumeMounts().get(0).getName(), pod.getVolumes().get(0).getName());
        assertEquals(MockCluster.CLAIM, pod.getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
    }

    @Test
    void aResumedLaunchIsANewJobThatContinuesTheRunAndACpuTrialAsksForNoGpu() {
        MockCluster cluster = new MockCluster(client).withNamespaceAndClaim();
        KubernetesTrialExecutor executor = new KubernetesTrialExecutor(client, MockCluster.settings(2, Optional.empty()));

        TrialHandle handle = executor.start(launch(2, true, 3, Device.CPU));

        Container container = cluster.job(handle.id()).getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("snas4j-sabcd123-002-3", handle.id());
        assertEquals(List.of("search", "--resume", "/snas4j/team/sweep-1/002-seed-2"), container.getArgs());
        assertFalse(container.getResources().getLimits().containsKey(KubernetesTrialExecutor.GPU_RESOURCE));
        assertFalse(container.getResources().getRequests().containsKey("cpu"));
    }

    @Test
    void aFailedPodIsRetriedInTheSameJobUntilItCompletesThenTheJobIsDeleted() {
        MockCluster cluster = new MockCluster(client).withNamespaceAndClaim();
        KubernetesTrialExecutor executor = new KubernetesTrialExecutor(client, MockCluster.settings(2, Optional.of("1")));
        TrialHandle handle = executor.start(launch(3, false, 1, Device.CPU));

        cluster.podFailedAndRetried(handle.id(), 1);
        TrialStatus retrying = executor.poll(handle);
        List<String> jobsWhileRetrying = cluster.jobs().stream().map(j -> j.getMetadata().getName()).toList();
        cluster.complete(handle.id());
        TrialStatus done = executor.poll(handle);
        executor.cleanUp(handle);

        assertEquals(TrialStatus.Phase.RUNNING, retrying.phase());
        assertEquals(2, retrying.attempt());
        assertTrue(retrying.message().contains("retried from the newest checkpoint"), retrying.message());
        assertEquals(TrialStatus.Phase.SUCCEEDED, done.phase());
        assertEquals(List.of(handle.id()), jobsWhileRetrying, "the retry is a pod of the same Job, not a second Job");
        assertNull(cluster.job(handle.id()), "a succeeded trial's Job is cleaned up");
    }

    @Test
    void aNewSweepFindsTheJobByItsLabelsEvenWhenNoneWasRecordedButNotAFailedOne() {
        MockCluster cluster = new MockCluster(client).withNamespaceAndClaim();
        KubernetesTrialExecutor executor = new KubernetesTrialExecutor(client, MockCluster.settings(2, Optional.empty()));
        TrialHandle first = executor.start(launch(4, false, 1, Device.CPU));

        // Killed between submitting the Job and recording it: the Job is found all the same.
        assertEquals(Optional.of(first), executor.reattach(launch(4, false, 1, Device.CPU), Optional.empty()));
        cluster.fail(first.id(), 3);
        assertEquals(Optional.empty(), executor.reattach(launch(4, false, 1, Device.CPU), Optional.of(first)),
                "a failed Job is kept for inspection, not followed: the trial is launched again");
        TrialStatus failed = executor.poll(first);
        assertEquals(TrialStatus.Phase.FAILED, failed.phase());
        assertTrue(failed.message().contains("BackoffLimitExceeded") && failed.message().contains("kubectl logs"), failed.message());
    }

    @Test
    void refusesAMissingNamespaceOrClaimInOneLineSubmittingNothing() {
        KubernetesTrialExecutor executor = new KubernetesTrialExecutor(client, MockCluster.settings(1, Optional.empty()));

        InvalidInputException namespace = assertThrows(InvalidInputException.class, executor::checkReady);
        assertEquals("--namespace", namespace.source());
        assertTrue(namespace.getMessage().contains("'ml' does not exist"), namespace.getMessage());
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName(MockCluster.NAMESPACE)
                .endMetadata().build()).create();
        InvalidInputException claim = assertThrows(InvalidInputException.class, executor::checkReady);
        assertEquals("--volume-claim", claim.source());
        assertTrue(claim.getMessage().contains("'sweeps' does not exist in namespace ml"), claim.getMessage());
        assertFalse(namespace.getMessage().contains("\n") || claim.getMessage().contains("\n"));
        assertTrue(new MockCluster(client).jobs().isEmpty());
    }

    @Test
    void theDryRunManifestIsTheJobAsYaml() {
        KubernetesTrialExecutor executor = new KubernetesTrialExecutor(client, MockCluster.settings(1, Optional.of("500m")));

        String yaml = executor.preview(launch(5, false, 1, Device.CPU));

        assertTrue(yaml.startsWith("apiVersion: \"batch/v1\""), yaml);
        assertTrue(yaml.contains("kind: \"Job\"") && yaml.contains("name: \"snas4j-sabcd123-005-1\"") && yaml.contains("claimName: \"sweeps\"")
                && yaml.contains("restartPolicy: \"Never\"") && yaml.contains("cpu: \"500m\""), yaml);
        assertTrue(new MockCluster(client).jobs().isEmpty(), "nothing submitted");
        assertEquals(1, MockCluster.settings(1, Optional.of("500m")).cpuThreads(), "half a core still runs one thread");
    }

    @Test
    void settingsKubernetesWouldRefuseAreRefusedNamingTheirFlag() {
        assertEquals("--namespace", assertThrows(InvalidInputException.class, () -> new KubernetesSettings("Bad_NS", "i", "c", "", "/m",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1, 0, 1, java.time.Duration.ZERO, Optional.empty(),
                Optional.empty())).source());
        assertEquals("--cpu", assertThrows(InvalidInputException.class, () -> new KubernetesSettings("ns", "i", "c", "", "/m",
                Optional.of("two"), Optional.empty(), Optional.empty(), Optional.empty(), 1, 0, 1, java.time.Duration.ZERO, Optional.empty(),
                Optional.empty())).source());
        assertEquals("--claim-path", assertThrows(InvalidInputException.class, () -> new KubernetesSettings("ns", "i", "c", "../x", "/m",
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 1, 0, 1, java.time.Duration.ZERO, Optional.empty(),
                Optional.empty())).source());
    }
}
