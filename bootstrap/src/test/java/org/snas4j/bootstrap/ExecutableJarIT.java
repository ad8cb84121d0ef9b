package org.snas4j.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's way in, {@code java -jar bootstrap/target/snas4j.jar}, through every command a user
 * chains after a search. The unit tests run on Maven's test class path, which holds every library;
 * only the shaded jar shows a class left out of it (Gson once was: a test-scoped declaration hid
 * protobuf's run-time dependency, and every search stopped at its first file).
 */
class ExecutableJarIT {

    private static final String[] TINY = {"--dataset", "fashion-mnist-subset", "--train-limit", "300", "--layers", "3",
            "--channels", "4", "--batch", "32", "--threads", "1"};

    @Test
    void searchTrainEvaluateExportPredictReportFromTheJar(@TempDir Path dir) throws Exception {
        Path search = dir.resolve("search");
        Ran searched = jar(dir, with(TINY, "search", "--epochs", "1", "--output", search.toString()));
        assertEquals(0, searched.exitCode(), searched.output());
        assertTrue(Files.isRegularFile(search.resolve("configuration.json")), "the configuration as JSON");
        assertTrue(Files.isRegularFile(search.resolve("genotypes").resolve("final-top2.pb")), "the derived genotype");

        Path train = dir.resolve("train");
        Ran trained = jar(dir, with(TINY, "train", "--genotype", search.resolve("genotypes").resolve("final-top2.pb").toString(),
                "--epochs", "1", "--output", train.toString()));
        assertEquals(0, trained.exitCode(), trained.output());
        assertTrue(Files.readString(train.resolve("result.properties")).contains("test.top1="));

        Ran evaluated = jar(dir, "evaluate", "--threads", "1", train.toString());
        assertEquals(0, evaluated.exitCode(), evaluated.output());
        assertTrue(evaluated.output().contains("retrained child"), evaluated.output());

        Path model = dir.resolve("model");
        Ran exported = jar(dir, "export", train.toString(), "--output", model.toString());
        assertEquals(0, exported.exitCode(), exported.output());

        Path picture = dir.resolve("grey.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", picture.toFile());
        Ran predicted = jar(dir, "predict", "--model", model.toString(), picture.toString());
        assertEquals(0, predicted.exitCode(), predicted.output());
        assertTrue(predicted.output().lines().anyMatch(line -> line.startsWith("0\t")), predicted.output());

        Path page = dir.resolve("report.html");
        Ran reported = jar(dir, "report", search.toString(), train.toString(), "-o", page.toString());
        assertEquals(0, reported.exitCode(), reported.output());
        assertTrue(Files.readString(page).contains("data:image/png;base64,"), "charts drawn by JFreeChart, inlined");

        Ran described = jar(dir, "describe", "snas-mild");
        assertEquals(0, described.exitCode(), described.output());
    }

    @Test
    void badInputFromTheJarIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Ran refused = jar(dir, "search", "--epochs", "0", "--output", dir.resolve("run").toString());
        assertEquals(2, refused.exitCode(), refused.output());
        assertTrue(refused.output().strip().lines().anyMatch(line -> line.startsWith("snas4j: --epochs")), refused.output());
        assertTrue(Files.notExists(dir.resolve("run")), "nothing written");
    }

    private record Ran(int exitCode, String output) {
    }

    private static String[] with(String[] options, String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(options));
        return all.toArray(String[]::new);
    }

    /** {@code java -jar snas4j.jar args}, as a user types it, in a fresh JVM; its standard output and error together. */
    private static Ran jar(Path dir, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("snas4j.jar", "target/snas4j.jar"));
        assertTrue(Files.isRegularFile(jar), "the executable jar is built by package, before this test: " + jar);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "jar", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "finished within five minutes: " + String.join(" ", args));
        return new Ran(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
