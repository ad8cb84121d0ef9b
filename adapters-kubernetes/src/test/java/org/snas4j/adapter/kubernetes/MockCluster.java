package org.snas4j.adapter.kubernetes;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster as the tests see it through fabric8's mock API server in CRUD mode: a namespace, a
 * claim, and Jobs whose status the test writes as the Job controller would (no pod ever runs).
 */
final class MockCluster {

    static final String NAMESPACE = "ml";
    static final String CLAIM = "sweeps";
    static final String IMAGE = "registry.example.com/snas4j:0.1.0";

    private final KubernetesClient client;

    MockCluster(KubernetesClient client) {
        this.client = client;
    }

    /** The namespace and the claim a sweep needs. */
    MockCluster withNamespaceAndClaim() {
        if (client.namespaces().withName(NAMESPACE).get() != null) {
            return this;
        }
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        client.persistentVolumeClaims().inNamespace(NAMESPACE).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(CLAIM).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteMany").withNewResources().addToRequests("storage", new Quantity("10Gi")).endResources()
                .endSpec().build()).create();
        return this;
    }

    static KubernetesSettings settings(int parallel, Optional<String> cpu) {
        return new KubernetesSettings(NAMESPACE, IMAGE, CLAIM, "team/sweep-1", "/snas4j", cpu, Optional.of("3Gi"), Optional.empty(),
                Optional.of("4Gi"), 1, 2, parallel, Duration.ofMillis(20), Optional.of("IfNotPresent"), Optional.empty());
    }

    List<Job> jobs() {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).list().getItems();
    }

    Job job(String name) {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).get();
    }

    /** A pod of the Job failed and the controller started the next one. */
    void podFailedAndRetried(String job, int failedPods) {
        setStatus(job, new JobStatusBuilder().withActive(1).withFailed(failedPods).build());
    }

    void complete(String job) {
        setStatus(job, new JobStatusBuilder().withSucceeded(1).withConditions(new JobConditionBuilder().withType("Complete")
                .withStatus("True").build()).build());
    }

    void fail(String job, int failedPods) {
        setStatus(job, new JobStatusBuilder().withFailed(failedPods).withConditions(new JobConditionBuilder().withType("Failed")
                .withStatus("True").withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit").build()).build());
    }

    private void setStatus(String name, io.fabric8.kubernetes.api.model.batch.v1.JobStatus status) {
        Job job = new JobBuilder(job(name)).withStatus(status).build();
        client.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).updateStatus();
    }

    static Map<String, String> labels(Job job) {
        return job.getMetadata().getLabels();
    }
}
