package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.port.out.data.PictureFolders;

/**
 * Your own pictures through the command line, in-process, with tiny networks: search, train (both
 * networks), evaluate, export and predict on a synthetic folder of PNG pictures, and the refusal of
 * a bad one.
 */
class FolderCommandsTest {

    static final List<String> CLASSES = List.of("circle", "bar");

    /** 2 classes x 10 colour pictures of 20x20 (resized to 16), 4 of them held out as the test set. */
    private static Path folder(Path dir) {
        return PictureFolders.write(dir.resolve("pictures"), CLASSES, 10, 20, 20, "png", true);
    }

    private static String[] tiny(Path data, String... more) {
        String[] base = {"--dataset", "folder", "--data", data.toString(), "--input-size", "16", "--train-limit", "0", "--layers", "3",
            "--channels", "4", "--batch", "4", "--threads", "1"};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void searchTrainEvaluateExportAndPredictOnAFolderOfPictures(@TempDir Path dir) throws Exception {
        Path data = folder(dir);
        Path search = dir.resolve("search");
        CommandLineRunner searched = CommandLineRunner.run(SearchCommandTest.concat(new String[] {"search"},
                tiny(data, "--epochs", "1", "--child-calibration-batches", "1", "--validation-fraction", "0.25", "--output", search.toString())));
        assertEquals(ExitCodes.OK, searched.exitCode(), searched.err());
        String configuration = Files.readString(search.resolve("configuration.textproto"));
        assertTrue(configuration.contains("class_names: \"bar\"") && configuration.contains("class_names: \"circle\""), configuration);
        assertTrue(configuration.contains("input_size: 16"), configuration);
        assertTrue(configuration.contains("dataset_fingerprint: \""), configuration);

        Path run = dir.resolve("train");
        CommandLineRunner trained = CommandLineRunner.run(SearchCommandTest.concat(new String[] {"train", "--genotype", search.toString()},
                tiny(data, "--epochs", "1", "--output", run.toString())));
        assertEquals(ExitCodes.OK, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("on 4 images"), trained.out());
        String properties = Files.readString(run.resolve("configuration.properties"));
        assertTrue(properties.contains("provenance.class.0=bar") && properties.contains("provenance.class.1=circle"), properties);
        assertTrue(properties.contains("dataset.folder.input_size=16"), properties);

        CommandLineRunner evaluated = CommandLineRunner.run("evaluate", "--threads", "1", run.toString());
        assertEquals(ExitCodes.OK, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().contains("retrained child"), evaluated.out());

        Path model = dir.resolve("model");
        assertEquals(ExitCodes.OK, CommandLineRunner.run("export", run.toString(), "--output", model.toString()).exitCode());
        CommandLineRunner predicted = CommandLineRunner.run("predict", "--model", model.toString(), "--dataset", "folder", "--data",
                data.toString());
        assertEquals(ExitCodes.OK, predicted.exitCode(), predicted.err());
        String out = predicted.out();
        assertTrue(out.lines().anyMatch(l -> l.matches("circle/circle-003\\.png\t(bar|circle)\t[01]\\.\\d{4}\tcircle")), out);
        assertTrue(out.contains("accuracy ") && out.contains("of 20 labelled images"), out);
        assertTrue(out.contains("confusion matrix") && out.lines().anyMatch(l -> l.startsWith("circle ")), out);
    }

    @Test
    void theImageNetNetworkTrainsOnAFolderAndItsModelPredictsByName(@TempDir Path dir) throws Exception {
        Path data = PictureFolders.write(dir.resolve("pictures"), CLASSES, 6, 40, 30, "jpg", true);
        Path run = dir.resolve("train");
        CommandLineRunner trained = CommandLineRunner.run("train", "--genotype", "snas-mild", "--network", "imagenet", "--dataset", "folder",
                "--data", data.toString(), "--input-size", "32", "--train-limit", "0", "--layers", "3", "--channels", "4", "--batch", "4",
                "--epochs", "1", "--threads", "1", "--output", run.toString());
        assertEquals(ExitCodes.OK, trained.exitCode(), trained.err());
        String properties = Files.readString(run.resolve("configuration.properties"));
        assertTrue(properties.contains("network=imagenet") && properties.contains("shape.network=imagenet"), properties);
        assertTrue(properties.contains("label_smoothing=0.1") && properties.contains("weight_decay=3.0E-5"), properties);

        Path model = dir.resolve("model");
        assertEquals(ExitCodes.OK, CommandLineRunner.run("export", run.toString(), "--output", model.toString()).exitCode());
        CommandLineRunner predicted = CommandLineRunner.run("predict", "--model", model.toString(), "--dataset", "folder", "--data",
                data.toString(), "--limit", "3");
        assertEquals(ExitCodes.OK, predicted.exitCode(), predicted.err());
        assertEquals(4, predicted.out().lines().takeWhile(l -> !l.startsWith("accuracy")).count(), predicted.out());
        assertTrue(predicted.out().contains("of 3 labelled images"), predicted.out());
    }

    @Test
    void theImageNetNetworkRefusesAnInputSizeItsStemsCannotHalveNamingTheFlag(@TempDir Path dir) {
        Path data = PictureFolders.write(dir.resolve("pictures"), CLASSES, 4, 8, 8, "png", false);
        CommandLineRunner refused = CommandLineRunner.run("train", "--genotype", "snas-mild", "--network", "imagenet", "--dataset", "folder",
                "--data", data.toString(), "--input-size", "24", "--train-limit", "0", "--layers", "3", "--channels", "4", "--batch", "2",
                "--output", dir.resolve("run").toString());
        assertEquals(ExitCodes.INVALID_INPUT, refused.exitCode(), refused.err());
        assertTrue(refused.err().contains("--network") && refused.err().contains("divisible by 32"), refused.err());
        assertFalse(Files.exists(dir.resolve("run")), "nothing written");
    }

    @Test
    void aBadPictureStopsTheRunWithOneLineNamingItAndNothingWritten(@TempDir Path dir) throws Exception {
        Path data = folder(dir);
        Path bad = data.resolve("bar").resolve("bar-004.png");
        Files.writeString(bad, "this is no picture");
        CommandLineRunner refused = CommandLineRunner.run(SearchCommandTest.concat(new String[] {"train", "--genotype", "darts-v2"},
                tiny(data, "--epochs", "1", "--output", dir.resolve("run").toString())));
        assertEquals(ExitCodes.INVALID_INPUT, refused.exitCode(), refused.err());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains(bad.toString()) && refused.err().contains("not a picture"), refused.err());
        assertFalse(Files.exists(dir.resolve("run")), "nothing written");

        CommandLineRunner skipped = CommandLineRunner.run("predict", "--model", dir.toString(), "--dataset", "folder", "--data",
                data.toString(), "--skip-bad-images");
        assertEquals(ExitCodes.INVALID_INPUT, skipped.exitCode(), "no model there: the refusal is about the model, not the picture");
        assertTrue(skipped.err().contains("saved_model.pb"), skipped.err());
    }

    @Test
    void describePricesTheMobileNetworkAsTheAuthorsModelCountsIt() {
        CommandLineRunner plain = CommandLineRunner.run("describe", "darts-v2", "--network", "imagenet");
        assertEquals(ExitCodes.OK, plain.exitCode(), plain.err());
        assertTrue(plain.out().contains("Network: ImageNet (mobile) layout, 14 cells, C=48, input 224x224x3, 1000 classes"), plain.out());
        assertTrue(plain.out().contains("Whole network: 4,718,752 trainable parameters (4.72M), plain pools (DARTS)"), plain.out());
        assertTrue(plain.out().contains("with an affine BN after every pool (--pool-bn, the SNAS code): 4,721,632"), plain.out());
        assertTrue(plain.out().contains("Multiply-adds: 529,911,552 (529.9M) per 224x224 image"), plain.out());
        CommandLineRunner poolBn = CommandLineRunner.run("describe", "snas-moderate", "--network", "imagenet", "--pool-bn");
        assertTrue(poolBn.out().contains("Whole network: 4,313,728 trainable parameters (4.31M), an affine BN after every pool"), poolBn.out());
        assertTrue(poolBn.out().contains("Multiply-adds: 465,607,872"), poolBn.out());
    }
}
