package org.snas4j.adapter.storage.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.port.out.trial.SweepChartWriter.Point;

class SweepChartWriterTest {

    @Test
    void drawsEveryTrialInItsConstraintsColourAndTheFrontAsABlackLine(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("front.png");
        List<Point> trials = List.of(new Point("001", "mild", 60_000, 0.78), new Point("002", "mild", 70_000, 0.74),
                new Point("003", "aggressive", 30_000, 0.70), new Point("004", "aggressive", 35_000, 0.66));
        List<Point> front = List.of(trials.get(2), trials.get(0));

        new JFreeChartSweepChartWriter().writeFront(png, "Sweep s1", trials, front);

        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG ImageIO can read");
        assertEquals(JFreeChartSweepChartWriter.WIDTH, image.getWidth());
        assertEquals(JFreeChartSweepChartWriter.HEIGHT, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(colours.contains(JFreeChartSweepChartWriter.PALETTE.get(0).getRGB() & 0xFFFFFF), "the first constraint's markers");
        assertTrue(colours.contains(JFreeChartSweepChartWriter.PALETTE.get(1).getRGB() & 0xFFFFFF), "the second constraint's markers");
        Path withoutFront = dir.resolve("without-front.png");
        new JFreeChartSweepChartWriter().writeFront(withoutFront, "Sweep s1", trials, List.of());
        assertTrue(blackPixels(image) > blackPixels(ImageIO.read(withoutFront.toFile())) + 50, "the front's line is drawn in black");
    }

    private static int blackPixels(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xFFFFFF) == 0 ? 1 : 0;
            }
        }
        return count;
    }
}
