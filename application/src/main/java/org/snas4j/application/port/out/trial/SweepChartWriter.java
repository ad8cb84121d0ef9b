package org.snas4j.application.port.out.trial;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** Draws a sweep's trials as a picture. */
public interface SweepChartWriter {

    /**
     * A PNG of held-out accuracy against parameters: every trial a marker coloured by its constraint,
     * the Pareto front joined by a line.
     */
    void writeFront(Path png, String title, List<Point> trials, List<Point> front);

    /**
     * One trial in the picture.
     *
     * @param name       the trial's name
     * @param constraint its constraint label (one colour each)
     * @param parameters the x value
     * @param accuracy   the y value, a fraction
     */
    record Point(String name, String constraint, double parameters, double accuracy) {
        public Point {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(constraint, "constraint");
        }
    }
}
