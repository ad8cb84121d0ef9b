package org.snas4j.bootstrap.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ImageFolderBenchmark} from Maven (see BENCHMARKS.md); options come from the system
 * property {@code snas4j.benchmark}, space-separated {@code key=value} pairs.
 */
@Tag("slow")
class ImageFolderBenchmarkTest {

    @Test
    void timesTheStreamedPipeline() {
        String options = System.getProperty("snas4j.benchmark", "");
        ImageFolderBenchmark.Measurement measurement =
                ImageFolderBenchmark.run(ImageFolderBenchmark.parse(options.isBlank() ? new String[0] : options.trim().split("\\s+")));
        System.out.println(measurement);
        assertTrue(measurement.pipelinePerSecond() > 0 && measurement.waitMillisPerBatch() >= 0, measurement.toString());
    }
}
