package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.adapter.storage.retrain.FileChildRunDirectoryFactory;
import org.snas4j.application.port.out.storage.ChildRunDirectory;

/**
 * train, evaluate, export and predict through the command line, in-process, on the bundled data with
 * a tiny network: the whole path from a genotype name to a served prediction.
 */
class ChildCommandsTest {

    static final String[] TINY = {"--dataset", "fashion-mnist-subset", "--train-limit", "300", "--layers", "3", "--channels", "4", "--batch", "32", "--threads", "1"};

    @Test
    void trainEvaluateExportPredict(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CommandLineRunner trained = CommandLineRunner.run(SearchCommandTest.concat(
                new String[] {"train", "--genotype", "darts-v2", "--epochs", "2", "--cutout", "8", "--output", run.toString()}, TINY));
        assertEquals(ExitCodes.OK, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("Training finished: " + run), trained.out());
        assertTrue(trained.out().contains("test accuracy"), trained.out());
        String result = Files.readString(run.resolve("result.properties"));
        assertTrue(result.contains("test.top1="), result);
        assertTrue(result.contains("provenance.command_line=train --genotype darts-v2"), result);
        assertEquals(3, Files.readAllLines(run.resolve("metrics.tsv")).size(), "header and two epochs");
        assertFalse(Files.exists(run.resolve("run.lock")), "a train run that finished leaves no lock");

        CommandLineRunner evaluated = CommandLineRunner.run("evaluate", "--device", "cpu", "--threads", "1", run.toString());
        assertEquals(ExitCodes.OK, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().contains("retrained child"), evaluated.out());
        String top1 = result.lines().filter(l -> l.startsWith("test.top1=")).findFirst().orElseThrow().substring(10);
        assertTrue(evaluated.out().contains(String.format(java.util.Locale.ROOT, "%.2f%%", 100 * Double.parseDouble(top1))),
                "evaluate reproduces the run's own test accuracy " + top1 + ": " + evaluated.out());

        Path model = dir.resolve("model");
        CommandLineRunner exported = CommandLineRunner.run("export", run.toString(), "--output", model.toString());
        assertEquals(ExitCodes.OK, exported.exitCode(), exported.err());
        assertTrue(Files.isRegularFile(model.resolve("saved_model.pb")));

        Path picture = dir.resolve("shirt.png");
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 6; y < 22; y++) {
            for (int x = 8; x < 20; x++) {
                image.getRaster().setSample(x, y, 0, 200);
            }
        }
        ImageIO.write(image, "png", picture.toFile());
        CommandLineRunner predicted = CommandLineRunner.run("predict", "--model", model.toString(), picture.toString());
        assertEquals(ExitCodes.OK, predicted.exitCode(), predicted.err());
        // Fashion-MNIST's class names, not indices, carried in the exported model's metadata.
        String names = String.join("|", org.snas4j.adapter.storage.dataset.FileDatasetSource.FASHION_MNIST_CLASSES).replace("/", "\\/");
        assertTrue(predicted.out().lines().anyMatch(l -> l.matches("0\t(" + names + ")\t[01]\\.\\d{4}\t-")), predicted.out());

        Path wrongSize = dir.resolve("small.png");
        ImageIO.write(new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY), "png", wrongSize.toFile());
        CommandLineRunner refused = CommandLineRunner.run("predict", "--model", model.toString(), wrongSize.toString());
        assertEquals(ExitCodes.INVALID_INPUT, refused.exitCode());
        assertTrue(refused.err().contains("10x10"), refused.err());
    }

    @Test
    void evaluatingASearchRunShowsItsChildrenWithoutRetraining(@TempDir Path dir) {
        Path run = dir.resolve("search");
        CommandLineRunner searched = CommandLineRunner.run(SearchCommandTest.concat(
                new String[] {"search", "--epochs", "1", "--output", run.toString()}, SearchCommandTest.TINY));
        assertEquals(ExitCodes.OK, searched.exitCode(), searched.err());
        assertFalse(Files.exists(run.resolve("run.lock")), "a search that finished leaves no lock");
        CommandLineRunner evaluated = CommandLineRunner.run("evaluate", "--threads", "1", run.toString());
        assertEquals(ExitCodes.OK, evaluated.exitCode(), evaluated.err());
        assertFalse(Files.exists(run.resolve("run.lock")), "nor does evaluating it");
        for (String row : new String[] {"WITHOUT retraining", "supernet (sampled Z)", "child, edge-all", "child, top-2"}) {
            assertTrue(evaluated.out().contains(row), evaluated.out());
        }
    }

    @Test
    void aSecondTrainResumeOfARunInUseIsRefusedWithOneLineNamingTheDirectory(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        // A train in progress: it holds the run's lock and has written its configuration.
        try (ChildRunDirectory held = new FileChildRunDirectoryFactory().create(run)) {
            Files.writeString(held.path().resolve("configuration.properties"), "written by the holder\n");
            byte[] before = Files.readAllBytes(run.resolve("configuration.properties"));

            CommandLineRunner second = CommandLineRunner.run("train", "--resume", run.toString());

            assertEquals(ExitCodes.INVALID_INPUT, second.exitCode(), second.err());
            assertEquals(1, second.err().lines().count(), second.err());
            assertTrue(second.err().contains(run.toString()) && second.err().contains("locked"), second.err());
            assertArrayEquals(before, Files.readAllBytes(run.resolve("configuration.properties")), "the holder's run is untouched");
        }
    }

    @Test
    void trainRefusesAMissingOrUnknownGenotypeNamingTheFlag(@TempDir Path dir) {
        CommandLineRunner missing = CommandLineRunner.run("train", "--output", dir.resolve("a").toString());
        assertEquals(ExitCodes.INVALID_INPUT, missing.exitCode());
        assertTrue(missing.err().contains("--genotype"), missing.err());
        CommandLineRunner unknown = CommandLineRunner.run("train", "--genotype", "snas-gentle", "--output", dir.resolve("b").toString());
        assertEquals(ExitCodes.INVALID_INPUT, unknown.exitCode());
        assertTrue(unknown.err().contains("snas-gentle"), unknown.err());
        assertTrue(Files.notExists(dir.resolve("b")), "nothing is created for a refused run");
    }
}
