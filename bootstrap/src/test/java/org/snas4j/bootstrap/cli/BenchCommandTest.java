package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.snas4j.domain.cost.NetworkMultiplyAdds;
import org.snas4j.domain.genotype.PublishedGenotypes;
import org.snas4j.domain.space.NetworkShape;

/** Tiny benchmarks: the report's structure and the sanity of its values, never a time threshold. */
class BenchCommandTest {

    private static final String[] TINY = {"--layers", "3", "--channels", "4", "--input-size", "8", "--batch", "8", "--warmup", "1",
        "--steps", "3", "--threads", "1"};

    @Test
    void supernetReportGivesEveryFigureWithItsLimitAndAScalingTable() {
        CommandLineRunner result = CommandLineRunner.run(SearchCommandTest.concat(new String[] {"bench", "--matmul-size", "64", "--scaling",
            "--scaling-layers", "2", "--scaling-channels", "2", "--scaling-batches", "4", "--scaling-steps", "1"}, TINY));

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.startsWith("bench supernet: 3 cells, C=4, input 8x8x1, 10 classes, batch 8"), out);
        double median = number(out, "training step\\s+([\\d,.]+) ms median of 3");
        Matcher range = Pattern.compile("\\(min ([\\d,.]+), max ([\\d,.]+)\\)").matcher(out);
        assertTrue(range.find(), out);
        assertTrue(parse(range.group(1)) <= median && median <= parse(range.group(2)), out);
        // The median is printed to 0.1 ms and images/s to 0.1: the printed rate lies within what either rounding allows.
        double imagesPerSecond = number(out, "images/s\\s+([\\d.]+)");
        assertTrue(8 * 1000 / (median + 0.05) - 0.05 <= imagesPerSecond && imagesPerSecond <= 8 * 1000 / (median - 0.05) + 0.05, out);
        assertTrue(number(out, "CPU per step\\s+([\\d.]+) s") > 0, out);
        double firstLoss = number(out, "training loss\\s+([\\d.]+) at the first step");
        double lastLoss = number(out, "([\\d.]+) at the last");
        assertTrue(firstLoss > 0 && lastLoss > 0 && lastLoss < firstLoss, "four steps on one batch lower the loss: " + out);
        assertTrue(number(out, "inference pass\\s+([\\d,.]+) ms") > 0, out);
        double peakGigabytes = number(out, "peak memory\\s+([\\d.]+) GB");
        assertTrue(peakGigabytes > 0.05 && peakGigabytes < 64, out);
        double multiplyAdds = NetworkMultiplyAdds.supernet(new NetworkShape(3, 4, 8, 1, 10));
        assertEquals(multiplyAdds, number(out, "x 8 images x ([\\d,]+) multiply-adds"), 0.5);
        double gigaflops = 2 * 3 * 8 * multiplyAdds / 1e9;
        assertEquals(gigaflops, number(out, "arithmetic\\s+([\\d.e-]+) GFLOP per step"), gigaflops * 1e-2);
        double achieved = number(out, "achieved\\s+([\\d.e-]+) GFLOP/s");
        assertEquals(gigaflops / (median / 1000), achieved, achieved * 1e-2 + 1e-3 * gigaflops / (median / 1000));
        double matmul = number(out, "dense matmul\\s+([\\d.e-]+) GFLOP/s \\(64 x 64, 1 at once, same threads\\)");
        double share = number(out, "the step reaches ([\\d.]+)% of it");
        assertTrue(matmul > 0 && share > 0, out);
        assertEquals(100 * achieved / matmul, share, 0.1 + 100 * achieved / matmul * 2e-2, out);

        List<String> rows = out.lines().dropWhile(line -> !line.startsWith("dimension")).skip(1).toList();
        assertEquals(List.of("layers", "channels", "batch"), rows.stream().map(row -> row.split("\\s+")[0]).toList(), out);
        for (String row : rows) {
            String[] cells = row.trim().split("\\s+");
            assertTrue(parse(cells[3]) > 0 && parse(cells[5]) > 0, row);
        }
    }

    @Test
    void childReportPricesTheGenotypesOperationsOnly() {
        CommandLineRunner result = CommandLineRunner.run(SearchCommandTest.concat(new String[] {"bench", "--network", "child",
            "--genotype", "snas-mild", "--matmul-size", "0"}, TINY));

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.startsWith("bench child snas-mild: 3 cells"), out);
        assertEquals(NetworkMultiplyAdds.child(PublishedGenotypes.byName("snas-mild"), new NetworkShape(3, 4, 8, 1, 10)),
                number(out, "x 8 images x ([\\d,]+) multiply-adds"), 0.5);
        assertFalse(out.contains("dense matmul"), out);
        assertFalse(out.contains("scaling"), out);
        assertFalse(out.contains("op profile"), out);
    }

    @Test
    void aProfileListsTheCostliestOpTypesAndSumsTheRest() {
        CommandLineRunner result = CommandLineRunner.run(SearchCommandTest.concat(new String[] {"bench", "--network", "child",
            "--genotype", "snas-mild", "--matmul-size", "0", "--profile", "2", "--profile-rows", "3"}, TINY));

        assertEquals(ExitCodes.OK, result.exitCode(), result.err());
        String out = result.out();
        assertTrue(out.contains("op profile (TensorFlow's step statistics, 2 traced steps after the timed ones; per step)"), out);
        double opMillis = number(out, "ops, ([\\d,.]+) ms of op time");
        assertTrue(number(out, "\n  ([\\d,]+) ops, ") > 100 && opMillis > 0, out);
        List<String> rows = out.lines().dropWhile(line -> !line.startsWith("op type")).skip(1).toList();
        assertEquals(4, rows.size(), out);
        assertTrue(rows.get(3).matches("\\(\\d+ other types\\).*"), out);
        double millis = 0;
        double share = 0;
        double previous = Double.MAX_VALUE;
        for (String row : rows) {
            String[] cells = row.trim().split("\\s+");
            double rowMillis = parse(cells[cells.length - 2]);
            if (!row.startsWith("(")) {
                assertTrue(rowMillis <= previous, "costliest first: " + out);
                previous = rowMillis;
            }
            millis += rowMillis;
            share += parse(cells[cells.length - 1].replace("%", ""));
        }
        assertEquals(opMillis, millis, 0.1 * rows.size() + opMillis * 1e-3, out);
        assertEquals(100, share, 0.2, out);
    }

    @Test
    void badSettingsGiveOneLineNamingTheFlag() {
        assertRefused("--network", "bench", "--network", "resnet");
        assertRefused("--steps", "bench", "--steps", "0");
        assertRefused("--profile", "bench", "--profile", "-1");
        assertRefused("--profile-rows", "bench", "--profile", "1", "--profile-rows", "0");
        assertRefused("--scaling-layers", "bench", "--input-size", "6", "--layers", "1", "--scaling", "--scaling-layers", "2");
        assertRefused("no-such-genotype", "bench", "--network", "child", "--genotype", "no-such-genotype");
    }

    private static void assertRefused(String flag, String... args) {
        CommandLineRunner result = CommandLineRunner.run(args);
        assertEquals(ExitCodes.INVALID_INPUT, result.exitCode(), result.out() + result.err());
        assertTrue(result.err().contains(flag), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
        assertEquals("", result.out());
    }

    private static double number(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue(matcher.find(), "no match for " + regex + " in\n" + text);
        return parse(matcher.group(1));
    }

    private static double parse(String number) {
        return Double.parseDouble(number.replace(",", ""));
    }
}
