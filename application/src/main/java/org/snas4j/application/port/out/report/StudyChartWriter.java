package org.snas4j.application.port.out.report;

import java.nio.file.Path;
import org.snas4j.application.port.in.study.StudyResult;

/** Draws a study's cells as a picture. */
public interface StudyChartWriter {

    /** A PNG of test accuracy against parameters: one marker per cell, coloured by group, and the random cells' mean and spread. */
    void writeAccuracyVersusParameters(Path png, String title, StudyResult result);
}
