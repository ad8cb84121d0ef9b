package org.snas4j.application.port.in;

import java.nio.file.Path;
import org.snas4j.application.search.SearchConfiguration;
import org.snas4j.application.search.SearchOutcome;

/** Runs an SNAS search, or resumes one from its run directory. */
public interface SearchArchitectureUseCase {

    /**
     * @param configuration what to search
     * @param runDirectory  where to write (a new directory)
     * @param commandLine   recorded in the provenance
     */
    SearchOutcome search(SearchConfiguration configuration, Path runDirectory, String commandLine);

    /** Continues the run in {@code runDirectory} from its newest valid checkpoint. */
    SearchOutcome resume(Path runDirectory, String commandLine);

    /**
     * Continues the run in {@code runDirectory} when it holds one (its recorded configuration wins),
     * otherwise starts {@code configuration} there: what a retried sweep trial does.
     */
    SearchOutcome searchOrResume(SearchConfiguration configuration, Path runDirectory, String commandLine);
}
