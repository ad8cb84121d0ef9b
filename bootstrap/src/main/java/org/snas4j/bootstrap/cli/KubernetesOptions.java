package org.snas4j.bootstrap.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.snas4j.adapter.kubernetes.KubernetesSettings;
import org.snas4j.application.InvalidInputException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** Where a sweep's Kubernetes Jobs run: the flags of {@code sweep --executor kubernetes}. */
public final class KubernetesOptions {

    @Option(names = "--namespace", paramLabel = "NS", description = "Namespace of the Jobs (kubernetes executor; required).")
    String namespace;

    @Option(names = "--image", paramLabel = "IMAGE", description = "The snas4j image the Jobs run, as built by -Pimage and pushed "
            + "(kubernetes executor; required).")
    String image;

    @Option(names = "--volume-claim", paramLabel = "PVC", description = "PersistentVolumeClaim that holds the sweep directory, shared by "
            + "the Jobs and by this sweep, which reads the trials' metrics there (kubernetes executor; required).")
    String volumeClaim;

    @Option(names = "--claim-path", paramLabel = "PATH", description = "The sweep directory's path inside the claim (default: the "
            + "--output directory's name).")
    String claimPath;

    @Option(names = "--mount-path", paramLabel = "DIR", description = "Where the claim is mounted in the Jobs' containers (default: ${DEFAULT-VALUE}).")
    String mountPath = "/snas4j";

    @Option(names = "--cpu", paramLabel = "Q", description = "CPU request of each Job, e.g. 2 or 500m; also its limit and its TensorFlow threads.")
    String cpu;

    @Option(names = "--memory", paramLabel = "Q", description = "Memory request of each Job, e.g. 4Gi; also its limit.")
    String memory;

    @Option(names = "--cpu-limit", paramLabel = "Q", description = "CPU limit of each Job (default: the request).")
    String cpuLimit;

    @Option(names = "--memory-limit", paramLabel = "Q", description = "Memory limit of each Job (default: the request).")
    String memoryLimit;

    @Option(names = "--gpus", paramLabel = "N", description = "nvidia.com/gpu per Job with --device gpu (default: ${DEFAULT-VALUE}).")
    int gpus = 1;

    @Option(names = "--retries", paramLabel = "N", description = "Pod retries per Job (its backoffLimit); a retried pod resumes from the "
            + "trial's newest checkpoint (default: ${DEFAULT-VALUE}).")
    int retries = 2;

    @Option(names = "--image-pull-policy", paramLabel = "POLICY", description = "Always, IfNotPresent or Never (default: the cluster's).")
    String imagePullPolicy;

    @Option(names = "--service-account", paramLabel = "NAME", description = "Service account of the Jobs' pods (default: the namespace's).")
    String serviceAccount;

    @Option(names = "--poll-seconds", paramLabel = "S", description = "Seconds between two looks at the Jobs (default: ${DEFAULT-VALUE}).")
    int pollSeconds = 10;

    /** The flags above that were given, to refuse them with another executor. */
    static List<String> given(CommandSpec spec, ParseResult parseResult) {
        return spec.mixins().values().stream()
                .filter(m -> m.userObject() instanceof KubernetesOptions)
                .flatMap(m -> m.options().stream())
                .filter(parseResult::hasMatchedOption)
                .map(o -> o.longestName())
                .toList();
    }

    KubernetesSettings settings(Path sweepDirectory, int parallel) {
        require("--namespace", namespace);
        require("--image", image);
        require("--volume-claim", volumeClaim);
        if (pollSeconds < 1) {
            throw new InvalidInputException("--poll-seconds", "must be positive, got " + pollSeconds);
        }
        Path name = sweepDirectory.toAbsolutePath().normalize().getFileName();
        String inClaim = claimPath != null ? claimPath : name == null ? "" : name.toString();
        return new KubernetesSettings(namespace, image, volumeClaim, inClaim, mountPath, Optional.ofNullable(cpu), Optional.ofNullable(memory),
                Optional.ofNullable(cpuLimit), Optional.ofNullable(memoryLimit), gpus, retries, parallel, Duration.ofSeconds(pollSeconds),
                Optional.ofNullable(imagePullPolicy), Optional.ofNullable(serviceAccount));
    }

    private static void require(String flag, String value) {
        if (value == null) {
            throw new InvalidInputException(flag, "is required with --executor kubernetes");
        }
    }
}
