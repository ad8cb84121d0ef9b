package org.snas4j.adapter.storage.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.port.in.study.StudyCell;
import org.snas4j.application.port.in.study.StudyGroup;
import org.snas4j.application.port.in.study.StudyResult;
import org.snas4j.domain.genotype.PublishedGenotypes;

class StudyChartWriterTest {

    @Test
    void drawsAPngWithAMarkerColourPerGroup(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("accuracy-vs-parameters.png");
        List<StudyCell> cells = List.of(cell(StudyGroup.SEARCHED, "searched-seed-1", 0.8695, 242_522),
                cell(StudyGroup.RANDOM, "random-1", 0.8712, 310_000), cell(StudyGroup.RANDOM, "random-2", 0.8813, 280_000),
                cell(StudyGroup.PUBLISHED, "snas-mild", 0.8880, 200_090));

        new JFreeChartStudyChartWriter().writeAccuracyVersusParameters(png, "Test accuracy vs parameters", new StudyResult(dir, List.of(), cells));

        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG ImageIO can read");
        assertEquals(1000, image.getWidth());
        assertEquals(650, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(colours.contains(0xD62728) && colours.contains(0x1F77B4) && colours.contains(0x2CA02C),
                "the searched, random and published markers are drawn");
    }

    private static StudyCell cell(StudyGroup group, String name, double accuracy, long parameters) {
        return new StudyCell(group, name, Path.of("train-" + name), PublishedGenotypes.byName("snas-mild"), accuracy, parameters, 1e7, 500,
                OptionalDouble.empty());
    }
}
