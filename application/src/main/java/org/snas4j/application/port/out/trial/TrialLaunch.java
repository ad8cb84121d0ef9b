package org.snas4j.application.port.out.trial;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.snas4j.application.port.out.Device;

/**
 * One launch of a sweep's trial: a 'search' of the same program, started new or resumed from its
 * run directory's newest checkpoint.
 *
 * @param sweepId         the sweep's id (labels what an executor creates)
 * @param index           1-based position of the trial in the grid
 * @param trialName       the trial's name, also the name of its run directory inside the sweep directory
 * @param searchArguments the trial's 'search' arguments without --output, --resume and --threads
 * @param resume          true when its run directory already holds a run: continue it ('search --resume')
 * @param launch          1 for the first launch of this trial, 2 for the next, ...
 * @param runDirectory    where its run directory is, as this machine sees it
 * @param logFile         where a local executor sends the trial's console output
 * @param device          the device the trial computes on (an executor may have to request it)
 * @param threads         TensorFlow threads of the trial, 0 = all cores it sees
 */
public record TrialLaunch(String sweepId, int index, String trialName, List<String> searchArguments, boolean resume, int launch,
                          Path runDirectory, Path logFile, Device device, int threads) {

    public TrialLaunch {
        Objects.requireNonNull(sweepId, "sweepId");
        Objects.requireNonNull(trialName, "trialName");
        searchArguments = List.copyOf(searchArguments);
        Objects.requireNonNull(runDirectory, "runDirectory");
        Objects.requireNonNull(logFile, "logFile");
        Objects.requireNonNull(device, "device");
        if (index < 1 || launch < 1 || threads < 0) {
            throw new IllegalArgumentException("index and launch start at 1, threads are not negative: " + index + ", " + launch + ", " + threads);
        }
    }

    /**
     * The 'search' arguments of this launch, with the run directory as the executor names it
     * ({@code runPath}): {@code search --resume RUN} to continue a run; otherwise {@code search
     * --output RUN --resume-existing ARGS --threads N}, which also continues the run when the same
     * launch is started again (a retried pod), instead of refusing its directory.
     */
    public List<String> commandArguments(String runPath) {
        if (resume) {
            return List.of("search", "--resume", runPath);
        }
        List<String> arguments = new java.util.ArrayList<>(List.of("search", "--output", runPath, "--resume-existing"));
        arguments.addAll(searchArguments);
        arguments.addAll(List.of("--threads", Integer.toString(threads)));
        return List.copyOf(arguments);
    }
}
