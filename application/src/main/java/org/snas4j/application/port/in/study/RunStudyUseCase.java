package org.snas4j.application.port.in.study;

import java.nio.file.Path;

/**
 * Answers "is the searched cell better than a random cell from the same space?": searches, then
 * retrains the searched, random and published cells under one budget and compares them.
 */
public interface RunStudyUseCase {

    /**
     * Runs the study in {@code studyDirectory}, or continues it there: finished items are kept,
     * unfinished ones resumed, missing ones started.
     *
     * @param commandLine recorded in the provenance of every run the study starts
     * @throws org.snas4j.application.InvalidInputException when the directory holds a study made with other settings
     */
    StudyResult run(StudyConfiguration configuration, Path studyDirectory, String commandLine);
}
