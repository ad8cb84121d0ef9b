package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.adapter.io.FileTrees;
import org.snas4j.adapter.tensorflow.events.TensorBoardEventLog;
import org.snas4j.application.port.out.events.StepFigures;

/**
 * The report of tiny real runs (a search resumed from an earlier checkpoint, and a retraining),
 * opened in headless Chromium: it loads without an error, every image decodes, and the page shows
 * charts. Slow (real runs and a browser): the {@code slow} profile, which .ci/run runs.
 */
@Tag("slow")
class ReportInBrowserTest {

    @Test
    void theReportOfRealRunsLoadsInABrowserAndShowsItsCharts(@TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.installed(), "Debian's chromium is installed by .ci/run");
        Path search = dir.resolve("search");
        Path train = dir.resolve("train");
        CommandLineRunner searched = CommandLineRunner.run(SearchCommandTest.concat(
                new String[] {"search", "--epochs", "2", "--output", search.toString()}, SearchCommandTest.TINY));
        assertEquals(ExitCodes.OK, searched.exitCode(), searched.err());
        assertTrue(searched.out().contains("report " + search), "the summary points at the report: " + searched.out());
        // As if killed after epoch 2's events but before its checkpoint: resuming does epoch 2 again.
        FileTrees.deleteRecursively(search.resolve("checkpoints").resolve("epoch-0002"));
        CommandLineRunner resumed = CommandLineRunner.run("search", "--resume", search.toString());
        assertEquals(ExitCodes.OK, resumed.exitCode(), resumed.err());
        List<StepFigures> steps = new TensorBoardEventLog().steps(search);
        assertEquals(LongStream.rangeClosed(1, steps.size()).boxed().toList(), steps.stream().map(StepFigures::step).toList(),
                "every step once, in order");
        assertEquals(20, steps.size(), "2 epochs of 10 steps (320 training images in batches of 32)");
        CommandLineRunner trained = CommandLineRunner.run(SearchCommandTest.concat(
                new String[] {"train", "--genotype", search.toString(), "--epochs", "1", "--output", train.toString()}, ChildCommandsTest.TINY));
        assertEquals(ExitCodes.OK, trained.exitCode(), trained.err());

        Path page = dir.resolve("report.html");
        CommandLineRunner reported = CommandLineRunner.run("report", search.toString(), train.toString(), "-o", page.toString());
        assertEquals(ExitCodes.OK, reported.exitCode(), reported.err());

        try (HeadlessChromium chromium = HeadlessChromium.start(Files.createDirectories(dir.resolve("chromium-profile")))) {
            chromium.open(page);
            JsonElement images = chromium.evaluate(
                    "JSON.stringify(Array.from(document.images).map(i => [i.alt, i.complete && i.naturalWidth > 0]))");
            List<String> broken = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            for (JsonElement image : JsonParser.parseString(images.getAsString()).getAsJsonArray()) {
                String alt = image.getAsJsonArray().get(0).getAsString();
                (image.getAsJsonArray().get(1).getAsBoolean() ? shown : broken).add(alt);
            }
            assertEquals(List.of(), broken, "images that did not decode");
            for (String chart : List.of("Held-out accuracy per epoch (children of searches without retraining)", "Training loss per step",
                    "Held-out accuracy per epoch", "Mean entropy of alpha per edge", "Accuracy per epoch", "Loss per epoch")) {
                assertTrue(shown.contains(chart), chart + " in " + shown);
            }
            assertEquals(28, shown.stream().filter(alt -> alt.matches("(normal|reduction) \\S+ -> \\d")).count(), "heat maps: " + shown);
            assertEquals(6, shown.stream().filter(alt -> alt.contains(" cell, ")).count(), "cell pictures: " + shown);
            assertEquals(List.of(), chromium.errors(), "errors while the page loaded");
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(chromium.screenshot()));
            assertTrue(colours(shot) > 50, "the page shows charts in colour, not a blank page");
        }
    }

    /** Distinct colours among the pixels that are not white. */
    private static int colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF) {
                    colours.add(rgb);
                }
            }
        }
        return colours.size();
    }
}
