package org.snas4j.adapter.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.Device;
import org.snas4j.application.port.out.trial.TrialExecutor;
import org.snas4j.application.port.out.trial.TrialHandle;
import org.snas4j.application.port.out.trial.TrialLaunch;
import org.snas4j.application.port.out.trial.TrialStatus;

/**
 * Runs each trial as a Kubernetes Job: one pod running the snas4j image with the trial's 'search'
 * arguments, its run directory on the sweep's PersistentVolumeClaim. A pod that fails is retried by
 * the Job (backoffLimit) and its search resumes from the trial's newest checkpoint (the Job's
 * arguments say {@code --resume-existing}); exit codes 2 (bad input) and 3 (diverged) fail the Job at
 * once, since a retry would fail alike. Jobs carry the sweep's id and the trial's index as labels, so
 * a sweep started again finds the Jobs of the one before and follows them instead of submitting
 * them twice. A Job whose trial succeeded is deleted with its pods; a failed one is kept for
 * {@code kubectl describe} and {@code kubectl logs}.
 */
public final class KubernetesTrialExecutor implements TrialExecutor {

    public static final String SWEEP_LABEL = "snas4j.org/sweep";
    public static final String TRIAL_LABEL = "snas4j.org/trial";
    public static final String LAUNCH_LABEL = "snas4j.org/launch";
    public static final String TRIAL_NAME_ANNOTATION = "snas4j.org/trial-name";
    public static final String CONTAINER = "search";
    public static final String VOLUME = "sweep";
    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    /** The program's exit codes that no retry changes: bad input and a diverged training. */
    static final List<Integer> FINAL_EXIT_CODES = List.of(2, 3);

    private final Supplier<KubernetesClient> connect;
    private final KubernetesSettings settings;
    /** Whether this executor made its client, and so closes it. */
    private final boolean ownsClient;
    private KubernetesClient client;

    /** Connects on first use with the usual configuration: ~/.kube/config, $KUBECONFIG, or the pod's service account. */
    public KubernetesTrialExecutor(KubernetesSettings settings) {
        this(() -> new KubernetesClientBuilder().build(), settings, true);
    }

    /** Uses {@code client} (a test's mock server). */
    public KubernetesTrialExecutor(KubernetesClient client, KubernetesSettings settings) {
        this(() -> client, settings, false);
    }

    private KubernetesTrialExecutor(Supplier<KubernetesClient> connect, KubernetesSettings settings, boolean ownsClient) {
        this.connect = Objects.requireNonNull(connect, "connect");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.ownsClient = ownsClient;
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "kubernetes namespace %s, claim %s, %d Job%s at a time", settings.namespace(),
                settings.volumeClaim(), settings.parallel(), settings.parallel() == 1 ? "" : "s");
    }

    @Override
    public int slots() {
        return settings.parallel();
    }

    @Override
    public Duration pollInterval() {
        return settings.pollInterval();
    }

    @Override
    public void checkReady() {
        api("--namespace", () -> {
            if (client().namespaces().withName(settings.namespace()).get() == null) {
                throw new InvalidInputException("--namespace", "namespace '" + settings.namespace() + "' does not exist in the cluster at "
                        + client().getMasterUrl());
            }
            if (client().persistentVolumeClaims().inNamespace(settings.namespace()).withName(settings.volumeClaim()).get() == null) {
                throw new InvalidInputException("--volume-claim", "PersistentVolumeClaim '" + settings.volumeClaim()
                        + "' does not exist in namespace " + settings.namespace());
            }
            return null;
        });
    }

    @Override
    public String preview(TrialLaunch launch) {
        // One document per Job; the caller separates them.
        return Serialization.asYaml(job(launch)).replaceFirst("^---\\s*\\n", "");
    }

    @Override
    public TrialHandle start(TrialLaunch launch) {
        Job job = job(launch);
        api("--namespace", () -> client().batch().v1().jobs().inNamespace(settings.namespace()).resource(job).create());
        return new TrialHandle(job.getMetadata().getName());
    }

    @Override
    public Optional<TrialHandle> reattach(TrialLaunch launch, Optional<TrialHandle> recorded) {
        // Found by label, not only by the recorded name: a sweep killed between submitting a Job and recording it submitted it all the same.
        List<Job> jobs = api("--namespace", () -> client().batch().v1().jobs().inNamespace(settings.namespace())
                .withLabel(SWEEP_LABEL, launch.sweepId()).withLabel(TRIAL_LABEL, trialLabel(launch.index())).list().getItems());
        return jobs.stream()
                .filter(j -> !failed(j.getStatus()))
                .max(Comparator.comparing((Job j) -> recorded.map(h -> h.id().equals(j.getMetadata().getName())).orElse(false))
                        .thenComparing(j -> j.getMetadata().getName()))
                .map(j -> new TrialHandle(j.getMetadata().getName()));
    }

    @Override
    public TrialStatus poll(TrialHandle handle) {
        Job job;
        try {
            job = client().batch().v1().jobs().inNamespace(settings.namespace()).withName(handle.id()).get();
        } catch (KubernetesClientException e) {
            // The API may be briefly out of reach; the Job runs on regardless, so look again next time.
            return TrialStatus.running(1, "cannot read the status of Job " + handle.id() + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (job == null) {
            return new TrialStatus(TrialStatus.Phase.FAILED, 1, "Job " + handle.id() + " was deleted before it finished");
        }
        JobStatus status = job.getStatus();
        int failedPods = status == null || status.getFailed() == null ? 0 : status.getFailed();
        int attempt = failedPods + 1;
        if (condition(status, "Complete").isPresent() || condition(status, "SuccessCriteriaMet").isPresent()) {
            return new TrialStatus(TrialStatus.Phase.SUCCEEDED, attempt, "");
        }
        Optional<JobCondition> failure = condition(status, "Failed").or(() -> condition(status, "FailureTarget"));
        if (failure.isPresent()) {
            return new TrialStatus(TrialStatus.Phase.FAILED, failedPods, "Job " + handle.id() + " failed: "
                    + Objects.requireNonNullElse(failure.get().getReason(), "") + " " + Objects.requireNonNullElse(failure.get().getMessage(), "")
                    + " (kubectl logs -n " + settings.namespace() + " job/" + handle.id() + ")");
        }
        return TrialStatus.running(attempt, failedPods == 0 ? "" : "pod failed " + failedPods + " time" + (failedPods == 1 ? "" : "s")
                + ", retried from the newest checkpoint");
    }

    @Override
    public void cleanUp(TrialHandle handle) {
        api("--namespace", () -> client().batch().v1().jobs().inNamespace(settings.namespace()).withName(handle.id())
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
    }

    @Override
    public void close() {
        if (client != null && ownsClient) {
            client.close();
        }
    }

    /** The Job of one launch. */
    Job job(TrialLaunch launch) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "snas4j");
        labels.put("app.kubernetes.io/component", "sweep-trial");
        labels.put(SWEEP_LABEL, launch.sweepId());
        labels.put(TRIAL_LABEL, trialLabel(launch.index()));
        labels.put(LAUNCH_LABEL, Integer.toString(launch.launch()));
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        settings.cpu().ifPresent(c -> requests.put("cpu", new Quantity(c)));
        settings.memory().ifPresent(m -> requests.put("memory", new Quantity(m)));
        settings.cpuLimit().or(settings::cpu).ifPresent(c -> limits.put("cpu", new Quantity(c)));
        settings.memoryLimit().or(settings::memory).ifPresent(m -> limits.put("memory", new Quantity(m)));
        if (launch.device() == Device.GPU) {
            // Extended resources are requested by their limit alone.
            limits.put(GPU_RESOURCE, new Quantity(Integer.toString(settings.gpus())));
        }
        String runPath = containerPath(launch.trialName());
        return new JobBuilder()
                .withNewMetadata()
                    .withName(jobName(launch))
                    .withNamespace(settings.namespace())
                    .withLabels(labels)
                    .addToAnnotations(TRIAL_NAME_ANNOTATION, launch.trialName())
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(settings.retries())
                    .withNewPodFailurePolicy()
                        .addNewRule()
                            .withAction("FailJob")
                            .withNewOnExitCodes().withContainerName(CONTAINER).withOperator("In").withValues(FINAL_EXIT_CODES).endOnExitCodes()
                        .endRule()
                    .endPodFailurePolicy()
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withServiceAccountName(settings.serviceAccount().orElse(null))
                            .addNewContainer()
                                .withName(CONTAINER)
                                .withImage(settings.image())
                                .withImagePullPolicy(settings.imagePullPolicy().orElse(null))
                                .withArgs(launch.commandArguments(runPath))
                                .withNewResources().withRequests(requests).withLimits(limits).endResources()
                                .addNewVolumeMount().withName(VOLUME).withMountPath(settings.mountPath()).endVolumeMount()
                            .endContainer()
                            .addNewVolume()
                                .withName(VOLUME)
                                .withNewPersistentVolumeClaim().withClaimName(settings.volumeClaim()).endPersistentVolumeClaim()
                            .endVolume()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** The trial's run directory as its container sees it. */
    String containerPath(String trialName) {
        String base = settings.mountPath().replaceAll("/+$", "");
        String inClaim = settings.claimPath().replaceAll("^/+|/+$", "");
        return base + (inClaim.isEmpty() ? "" : "/" + inClaim) + "/" + trialName;
    }

    /** {@code snas4j-SWEEPID-NNN-L}: unique per launch, so a new launch never collides with a failed Job kept for inspection. */
    static String jobName(TrialLaunch launch) {
        return "snas4j-" + launch.sweepId() + "-" + trialLabel(launch.index()) + "-" + launch.launch();
    }

    private static String trialLabel(int index) {
        return String.format(Locale.ROOT, "%03d", index);
    }

    private static boolean failed(JobStatus status) {
        return condition(status, "Failed").isPresent() || condition(status, "FailureTarget").isPresent();
    }

    private static Optional<JobCondition> condition(JobStatus status, String type) {
        if (status == null || status.getConditions() == null) {
            return Optional.empty();
        }
        return status.getConditions().stream().filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus())).findFirst();
    }

    private KubernetesClient client() {
        if (client == null) {
            client = connect.get();
        }
        return client;
    }

    /** An API call whose refusal becomes one line naming the setting and the API's own words (exit code 2). */
    private <T> T api(String flag, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            String answer = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                    : e.getCause() != null ? e.getCause().toString() : String.valueOf(e.getMessage());
            String where = client == null ? "the Kubernetes API" : "the Kubernetes API at " + client.getMasterUrl();
            throw new InvalidInputException(flag, where + " answered: " + answer.lines().findFirst().orElse("").strip(), e);
        }
    }
}
