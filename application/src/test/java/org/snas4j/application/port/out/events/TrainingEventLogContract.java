package org.snas4j.application.port.out.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.child.RetrainEpochMetrics;
import org.snas4j.application.port.out.PortFixtures;

/**
 * What every {@link TrainingEventLog} must do. Figures are chosen exactly representable as floats,
 * the precision TensorBoard keeps.
 */
public abstract class TrainingEventLogContract {

    @TempDir
    protected Path parent;

    protected abstract TrainingEventLog log();

    protected Path newRun() throws Exception {
        return Files.createDirectories(parent.resolve("run"));
    }

    protected static StepFigures searchStep(long step, double offset) {
        return new StepFigures(step, 2.5 - step / 64.0 + offset, step / 128.0, 1.0 / 64, 1.0 - step / 1024.0);
    }

    @Test
    void stepsAreReadBackInStepOrderWithTheirFigures() throws Exception {
        Path run = newRun();
        List<StepFigures> written = LongStream.rangeClosed(1, 12).mapToObj(s -> searchStep(s, 0)).toList();
        try (TrainingEventSink sink = log().open(run, 0)) {
            for (StepFigures figures : written) {
                sink.step(figures);
                if (figures.step() % 6 == 0) {
                    sink.searchEpoch(figures.step(), PortFixtures.metrics((int) figures.step() / 6 - 1));
                    sink.flush();
                }
            }
        }

        assertEquals(written, log().steps(run));
    }

    @Test
    void retrainingStepsHaveNoTemperature() throws Exception {
        Path run = newRun();
        try (TrainingEventSink sink = log().open(run, 0)) {
            sink.step(StepFigures.retraining(1, 2.25, 0.125, 0.0625));
            sink.retrainEpoch(1, new RetrainEpochMetrics(0, 0.0625, 0.0, 2.25, 0.125, "test", 2.0, 0.25, 0.75, 3.0));
        }

        assertEquals(List.of(StepFigures.retraining(1, 2.25, 0.125, 0.0625)), log().steps(run));
    }

    @Test
    void aResumedRunRecordsEveryStepOnceWithTheFiguresOfTheProcessThatKeptIt() throws Exception {
        Path run = newRun();
        // The first process checkpoints after step 6, then records steps 7..9 and stops before its next checkpoint.
        try (TrainingEventSink first = log().open(run, 0)) {
            for (long s = 1; s <= 9; s++) {
                first.step(searchStep(s, 0));
                if (s == 6) {
                    first.searchEpoch(6, PortFixtures.metrics(0));
                    first.flush();
                }
            }
        }
        // The second resumes from step 6 and does steps 7..12 again, with other figures.
        try (TrainingEventSink second = log().open(run, 6)) {
            for (long s = 7; s <= 12; s++) {
                second.step(searchStep(s, 0.5));
            }
            second.searchEpoch(12, PortFixtures.metrics(1));
        }

        List<StepFigures> expected = new ArrayList<>();
        LongStream.rangeClosed(1, 6).forEach(s -> expected.add(searchStep(s, 0)));
        LongStream.rangeClosed(7, 12).forEach(s -> expected.add(searchStep(s, 0.5)));
        assertEquals(expected, log().steps(run));
    }

    @Test
    void aRunWithoutEventsHasNoSteps() throws Exception {
        assertEquals(List.of(), log().steps(newRun()));
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        TrainingEventSink sink = log().open(newRun(), 0);
        sink.step(searchStep(1, 0));
        sink.close();
        assertDoesNotThrow(sink::close);
    }
}
