package org.snas4j.adapter.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snas4j.application.InvalidInputException;

/**
 * Where and how a sweep's Jobs run.
 *
 * @param namespace       the namespace of the Jobs
 * @param image           the snas4j image (entry point: the program, so a Job's arguments start with 'search')
 * @param volumeClaim     the PersistentVolumeClaim that holds the sweep directory, shared by every trial and by the sweep
 * @param claimPath       the sweep directory's path inside the claim, relative ("" = the claim's root)
 * @param mountPath       where the claim is mounted in the trial containers
 * @param cpu             CPU request (and limit, unless cpuLimit is given), e.g. "2"; empty = none
 * @param memory          memory request (and limit, unless memoryLimit is given), e.g. "4Gi"; empty = none
 * @param cpuLimit        CPU limit; empty = the request
 * @param memoryLimit     memory limit; empty = the request
 * @param gpus            nvidia.com/gpu per trial when a trial computes on the GPU
 * @param retries         pod retries per Job (its backoffLimit); a retried pod resumes from the trial's newest checkpoint
 * @param parallel        Jobs at a time
 * @param pollInterval    how often the sweep reads the Jobs' status
 * @param imagePullPolicy Always, IfNotPresent or Never; empty = the cluster's default
 * @param serviceAccount  the pods' service account; empty = the namespace's default
 */
public record KubernetesSettings(String namespace, String image, String volumeClaim, String claimPath, String mountPath,
                                 Optional<String> cpu, Optional<String> memory, Optional<String> cpuLimit, Optional<String> memoryLimit,
                                 int gpus, int retries, int parallel, Duration pollInterval, Optional<String> imagePullPolicy,
                                 Optional<String> serviceAccount) {

    /** RFC 1123 label: namespaces and claims are named so. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    /** @throws InvalidInputException naming the flag of the first setting Kubernetes would refuse */
    public KubernetesSettings {
        requireName("--namespace", namespace, DNS_LABEL);
        if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException("--image", "give the snas4j image to run, e.g. registry.example.com/snas4j:0.1.0 (got '" + image + "')");
        }
        requireName("--volume-claim", volumeClaim, DNS_SUBDOMAIN);
        Objects.requireNonNull(claimPath, "claimPath");
        if (claimPath.startsWith("/") || claimPath.contains("..")) {
            throw new InvalidInputException("--claim-path", "must be a relative path inside the claim without '..', got '" + claimPath + "'");
        }
        if (mountPath == null || !mountPath.startsWith("/")) {
            throw new InvalidInputException("--mount-path", "must be an absolute path, got '" + mountPath + "'");
        }
        requireQuantity("--cpu", cpu);
        requireQuantity("--memory", memory);
        requireQuantity("--cpu-limit", cpuLimit);
        requireQuantity("--memory-limit", memoryLimit);
        if (gpus < 1) {
            throw new InvalidInputException("--gpus", "must be positive, got " + gpus);
        }
        if (retries < 0) {
            throw new InvalidInputException("--retries", "must be zero or positive, got " + retries);
        }
        if (parallel < 1) {
            throw new InvalidInputException("--parallel", "must be positive, got " + parallel);
        }
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(imagePullPolicy, "imagePullPolicy");
        imagePullPolicy.filter(p -> !p.equals("Always") && !p.equals("IfNotPresent") && !p.equals("Never")).ifPresent(p -> {
            throw new InvalidInputException("--image-pull-policy", "must be Always, IfNotPresent or Never, got '" + p + "'");
        });
        Objects.requireNonNull(serviceAccount, "serviceAccount");
    }

    /** The CPU a trial may count on, rounded up: its TensorFlow thread count (0 = unknown: all the cores it sees). */
    public int cpuThreads() {
        return cpu.map(c -> Quantity.getAmountInBytes(Quantity.parse(c)).setScale(0, java.math.RoundingMode.CEILING).intValue())
                .map(n -> Math.max(1, n)).orElse(0);
    }

    private static void requireName(String flag, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidInputException(flag, "'" + value + "' is not a Kubernetes name (lower-case letters, digits and '-')");
        }
    }

    private static void requireQuantity(String flag, Optional<String> value) {
        Objects.requireNonNull(value, flag);
        value.ifPresent(v -> {
            try {
                if (Quantity.getAmountInBytes(Quantity.parse(v)).signum() <= 0) {
                    throw new InvalidInputException(flag, "must be positive, got '" + v + "'");
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new InvalidInputException(flag, "'" + v + "' is not a Kubernetes quantity (e.g. 2, 500m, 4Gi)", e);
            }
        });
    }
}
