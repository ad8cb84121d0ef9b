package org.snas4j.application.port.out;

import java.nio.file.Path;
import java.util.List;
import org.snas4j.application.study.StudyCell;

/** Draws a study's cells as a picture. */
public interface StudyChartWriter {

    /** A PNG of test accuracy against parameters, one marker per cell, coloured by group. */
    void writeAccuracyVersusParameters(Path png, String title, List<StudyCell> cells);
}
