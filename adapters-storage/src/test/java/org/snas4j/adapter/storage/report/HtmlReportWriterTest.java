package org.snas4j.adapter.storage.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.report.Report;
import org.snas4j.application.port.out.report.ReportFixtures;
import org.snas4j.application.port.out.report.ReportWriter;
import org.snas4j.application.port.out.report.ReportWriterContract;
import org.snas4j.application.port.out.storage.PortFixtures;

class HtmlReportWriterTest extends ReportWriterContract {

    private static final Pattern IMAGE = Pattern.compile("<img alt=\"([^\"]*)\" src=\"data:(image/[a-z+]+);base64,([A-Za-z0-9+/=]+)\">");

    private final HtmlReportWriter writer = new HtmlReportWriter(Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC));

    @Override
    protected ReportWriter writer() {
        return writer;
    }

    record Image(String alt, String mediaType, byte[] bytes) {
    }

    static List<Image> images(String html) {
        List<Image> images = new ArrayList<>();
        Matcher m = IMAGE.matcher(html);
        while (m.find()) {
            String alt = m.group(1).replace("&gt;", ">").replace("&lt;", "<").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&amp;", "&");
            images.add(new Image(alt, m.group(2), Base64.getDecoder().decode(m.group(3))));
        }
        return images;
    }

    @Test
    void aDatasetThatIsNoFolderOfPicturesIsShownWithoutTheFolderOptionsItNeverReads() {
        record Settings(DatasetRequest dataset, int layers) {
        }
        List<List<String>> rows = HtmlReportWriter.settings(new Settings(new DatasetRequest("cifar10", Optional.of(Path.of("/data/c"))), 5));
        assertEquals(List.of(List.of("dataset", "name cifar10, directory /data/c"), List.of("layers", "5")), rows);
    }

    @Test
    void aSearchShowsItsCurvesAlphaPerEdgeCellsConfigurationAndProvenanceAllInlined() throws Exception {
        String html = writer.render(ReportFixtures.of("runs/search-a", ReportFixtures.search(Path.of("runs/search-a"), 3)));

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:|//|file:).*"), "nothing is fetched");
        List<Image> images = images(html);
        List<Image> pngs = images.stream().filter(i -> i.mediaType().equals("image/png")).toList();
        for (Image png : pngs) {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.bytes()));
            assertNotNull(decoded, png.alt() + " is a PNG");
        }
        List<String> alts = images.stream().map(Image::alt).toList();
        for (String chart : List.of("Training loss per step", "Training accuracy per step", "Held-out accuracy per epoch",
                "Mean entropy of alpha per edge", "Parameter-free edges in the edge-all child", "Temperature tau")) {
            assertTrue(alts.contains(chart), chart + " in " + alts);
        }
        assertEquals(28, alts.stream().filter(a -> a.matches("(normal|reduction) (c_\\{k-[12]}|\\d) -> \\d")).count(),
                "a heat map per edge of both cells: " + alts);
        assertTrue(alts.contains("reduction c_{k-1} -> 3"), alts.toString());
        if (graphvizInstalled()) {
            List<Image> cells = images.stream().filter(i -> i.mediaType().equals("image/svg+xml")).toList();
            assertEquals(4, cells.size(), "both cells of both forms");
            assertTrue(new String(cells.get(0).bytes(), StandardCharsets.UTF_8).contains("<svg"));
        }
        for (String row : List.of("<td>architecture learning rate</td>", "<td>dataset</td><td>name folder, directory /data/my pictures, folder input size 64, input channels 1, fit RESIZE, test fraction 0.3",
                "<td>dataset SHA-256</td><td>" + PortFixtures.provenance().datasetFingerprint() + "</td>", "<td>held-out accuracy of the supernet (sampled Z)</td>")) {
            assertTrue(html.contains(row), row);
        }
    }

    @Test
    void severalRunsAreComparedAndTheirCurvesOverlaid() {
        String html = writer.render(ReportFixtures.of("2 runs", ReportFixtures.search(Path.of("runs/search-a"), 2),
                ReportFixtures.training(Path.of("runs/train-b"))));

        assertTrue(html.contains("<section id=\"comparison\">"), "a comparison first");
        assertTrue(html.contains("<th>run</th><th>kind</th>"), html.substring(0, 2000));
        assertTrue(html.contains("<td>train-b</td><td>train</td>"));
        assertTrue(html.contains("<td>90.12%</td>"), "the retrained run's test accuracy");
        List<String> alts = images(html).stream().map(Image::alt).toList();
        assertTrue(alts.contains("Held-out accuracy per epoch (children of searches without retraining)"), alts.toString());
        assertTrue(alts.contains("Accuracy per epoch"), "the retraining's own curves");
        assertTrue(html.indexOf("id=\"run-1\"") < html.indexOf("id=\"run-2\""));
    }

    @Test
    void everyTextIsEscaped() {
        Report report = ReportFixtures.of("<b>&'\"", ReportFixtures.search(Path.of("runs/<img src=x>"), 1));

        String html = writer.render(report);

        assertTrue(html.contains("<title>snas4j report: &lt;b&gt;&amp;&#39;&quot;</title>"), html.substring(0, 400));
        assertFalse(html.contains("<img src=x>"));
    }

    @Test
    void noneEdgesAreLeftOutOfTheCells() {
        assumeTrue(graphvizInstalled(), "Graphviz is installed by .ci/run");
        // The fixture's edge-all normal cell chose none on edge 7.
        String html = writer.render(ReportFixtures.of("r", ReportFixtures.search(Path.of("r"), 1)));

        Image normal = images(html).stream().filter(i -> i.alt().startsWith("normal cell, edge-all")).findFirst().orElseThrow();
        String svg = new String(normal.bytes(), StandardCharsets.UTF_8);
        assertFalse(svg.contains(">none<"), svg);
        assertTrue(svg.contains("1 none edge left out"), svg);
    }

    private static boolean graphvizInstalled() {
        try {
            return new ProcessBuilder("dot", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }
}
