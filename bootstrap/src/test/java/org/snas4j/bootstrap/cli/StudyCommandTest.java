package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole study through the command line, in-process, tiny enough for the default test run: one
 * search, its cell, a random cell and a published one retrained, the report; then the same command
 * again (nothing is trained) and with another setting (refused).
 */
class StudyCommandTest {

    /** A study small enough for seconds: 2 cells, C = 8, 200 training images, 1 epoch of search and of retraining. */
    static final String[] TINY = {"--searches", "1", "--random-cells", "1", "--published", "snas-mild",
        "--epochs", "1", "--layers", "2", "--channels", "8", "--batch", "32", "--child-calibration-batches", "2", "--train-limit", "200",
        "--threads", "1", "--train-epochs", "1", "--train-layers", "2", "--train-channels", "8", "--train-batch", "32"};
    private static final String BUNDLED_SUBSET = "/org/snas4j/datasets/fashion-mnist-subset/";
    private static final int IMAGE_BYTES = 28 * 28;
    static final List<String> RUNS = List.of("search-seed-1", "train-searched-seed-1", "train-random-1", "train-snas-mild");

    @Test
    void aTinyStudyRunsEndToEndAndRunningItAgainTrainsNothing(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("study");
        String[] command = SearchCommandTest.concat(new String[] {"study", "--output", study.toString(), "--data",
            smallFashionMnist(dir.resolve("data")).toString()}, TINY);

        long started = System.nanoTime();
        CommandLineRunner first = CommandLineRunner.run(command);
        double firstSeconds = (System.nanoTime() - started) / 1e9;

        assertEquals(ExitCodes.OK, first.exitCode(), first.err());
        assertTrue(first.out().contains("(4 runs started, 0 resumed, 0 kept as finished before)"), first.out());
        assertTrue(first.out().contains("Verdict: none (it needs at least 2 random cells"), first.out());
        for (String run : RUNS) {
            assertTrue(Files.isDirectory(study.resolve(run)), run);
        }
        assertTrue(Files.isRegularFile(study.resolve("search-seed-1/genotypes/final-top2.pb")));
        List<String> csv = Files.readAllLines(study.resolve("study.csv"));
        assertEquals(4, csv.size(), "a header and a row per cell: " + csv);
        assertEquals(List.of("searched,searched-seed-1,train-searched-seed-1", "random,random-1,train-random-1",
                "published,snas-mild,train-snas-mild"), csv.subList(1, 4).stream().map(StudyCommandTest::firstThreeFields).toList());
        for (String row : csv.subList(1, 4)) {
            double top1 = Double.parseDouble(row.split(",")[3]);
            assertTrue(top1 >= 0 && top1 <= 1, row);
            assertTrue(Long.parseLong(row.split(",")[4]) > 0, row);
        }
        String markdown = Files.readString(study.resolve("study.md"));
        assertTrue(markdown.contains("| searched  | searched-seed-1 |"), markdown);
        assertTrue(markdown.contains("Verdict:"), markdown);
        assertNonBlankPng(study.resolve("accuracy-vs-parameters.png"));

        Map<Path, byte[]> recorded = recordedResults(study);
        started = System.nanoTime();
        CommandLineRunner again = CommandLineRunner.run(command);
        double againSeconds = (System.nanoTime() - started) / 1e9;

        assertEquals(ExitCodes.OK, again.exitCode(), again.err());
        assertTrue(again.out().contains("(0 runs started, 0 resumed, 4 kept as finished before)"), again.out());
        recorded.forEach((file, bytes) -> assertArrayEquals(bytes, read(file), file + " is rewritten: something ran again"));
        assertTrue(againSeconds < firstSeconds / 2, "kept runs are read, not trained: " + againSeconds + " s vs " + firstSeconds + " s");
        assertEquals(Files.readAllLines(study.resolve("study.csv")), csv, "the same cells, the same figures");

        CommandLineRunner other = CommandLineRunner.run(with(command, "--train-epochs", "2"));
        assertEquals(ExitCodes.INVALID_INPUT, other.exitCode(), other.out());
        assertEquals("", other.out());
        assertTrue(other.err().contains(study.resolve("study.properties").toString()), other.err());
        assertTrue(other.err().contains("retrain.epochs=1 (now 2)"), other.err());
        assertEquals(1, other.err().lines().count(), other.err());
        recorded.forEach((file, bytes) -> assertArrayEquals(bytes, read(file), file.toString()));
    }

    @Test
    void badStudyFlagsAreRefusedNamingTheFlagBeforeAnythingIsWritten(@TempDir Path dir) {
        for (String[] bad : List.of(new String[] {"--published", "snas-gentle"}, new String[] {"--train-channels", "3"},
                new String[] {"--random-cells", "-1"}, new String[] {"--constraint", "extreme"}, new String[] {"--train-seeds", "0"},
                new String[] {"--train-augment", "rotate"})) {
            Path study = dir.resolve("study");
            CommandLineRunner refused = CommandLineRunner.run(with(SearchCommandTest.concat(
                    new String[] {"study", "--output", study.toString()}, TINY), bad[0], bad[1]));
            assertEquals(ExitCodes.INVALID_INPUT, refused.exitCode(), String.join(" ", bad) + ": " + refused.err());
            assertTrue(refused.err().contains(bad[0]) && refused.err().contains(bad[1]), refused.err());
            assertTrue(Files.notExists(study), "nothing is written for " + String.join(" ", bad));
        }
    }

    /**
     * The first 200 training and 500 test images of the bundled Fashion-MNIST subset as IDX files:
     * real images, and a test set small enough that three retrainings take seconds.
     */
    private static Path smallFashionMnist(Path directory) throws IOException {
        Files.createDirectories(directory);
        for (String[] part : new String[][] {{"train", "200"}, {"t10k", "500"}}) {
            int count = Integer.parseInt(part[1]);
            copyIdx(part[0] + "-images-idx3-ubyte", 16, IMAGE_BYTES, count, directory);
            copyIdx(part[0] + "-labels-idx1-ubyte", 8, 1, count, directory);
        }
        return directory;
    }

    /** The first {@code count} records of a bundled IDX file, its header's count field (bytes 4..7) set to {@code count}. */
    private static void copyIdx(String name, int headerBytes, int recordBytes, int count, Path directory) throws IOException {
        try (InputStream in = new GZIPInputStream(Objects.requireNonNull(
                StudyCommandTest.class.getResourceAsStream(BUNDLED_SUBSET + name + ".gz"), name))) {
            byte[] content = in.readNBytes(headerBytes + count * recordBytes);
            ByteBuffer.wrap(content).putInt(4, count);
            Files.write(directory.resolve(name), content);
        }
    }

    /** Files a run rewrites whenever it trains, evaluates or finishes again. */
    private static Map<Path, byte[]> recordedResults(Path study) {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        List<Path> paths = new ArrayList<>(List.of(study.resolve("search-seed-1/metrics.jsonl"),
                study.resolve("search-seed-1/configuration.textproto")));
        for (String run : RUNS.subList(1, RUNS.size())) {
            paths.add(study.resolve(run).resolve("result.properties"));
            paths.add(study.resolve(run).resolve("metrics.tsv"));
        }
        paths.forEach(p -> files.put(p, read(p)));
        return files;
    }

    private static void assertNonBlankPng(Path png) throws Exception {
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4), "PNG signature");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 10, "a drawn chart, not a blank image: " + colours.size() + " colours");
    }

    /** {@code arguments} with {@code flag} set to {@code value} (picocli refuses a flag given twice). */
    private static String[] with(String[] arguments, String flag, String value) {
        List<String> changed = new ArrayList<>(List.of(arguments));
        int at = changed.indexOf(flag);
        if (at < 0) {
            changed.addAll(List.of(flag, value));
        } else {
            changed.set(at + 1, value);
        }
        return changed.toArray(String[]::new);
    }

    private static String firstThreeFields(String row) {
        return String.join(",", List.of(row.split(",")).subList(0, 3));
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
