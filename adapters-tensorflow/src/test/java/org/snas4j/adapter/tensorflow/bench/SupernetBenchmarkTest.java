package org.snas4j.adapter.tensorflow.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link SupernetBenchmark} from Maven (see BENCHMARKS.md); options come from the system property
 * {@code snas4j.benchmark}, space-separated {@code key=value} pairs, default the paper's configuration.
 */
@Tag("slow")
class SupernetBenchmarkTest {

    @Test
    void timesTrainingSteps() {
        String options = System.getProperty("snas4j.benchmark", "");
        SupernetBenchmark.Measurement measurement =
                SupernetBenchmark.run(SupernetBenchmark.parse(options.isBlank() ? new String[0] : options.trim().split("\\s+")));
        System.out.println(measurement);
        assertTrue(measurement.medianStepMillis() > 0 && Double.isFinite(measurement.imagesPerSecond()), measurement.toString());
    }
}
