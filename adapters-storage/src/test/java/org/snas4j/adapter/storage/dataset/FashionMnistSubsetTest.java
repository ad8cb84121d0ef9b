package org.snas4j.adapter.storage.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.data.ImageDataset;

class FashionMnistSubsetTest {

    /** Fingerprints of the decoded subset, as recorded in PROVENANCE.md. */
    private static final String TRAIN_FINGERPRINT = "966dfdf742a0e8c3d8cb659a7dda8b6c52e5cb7da275ee7ff43201a696178879";
    private static final String TEST_FINGERPRINT = "f51af10574e85001e1b1a8241a330c918001f0c5cea5adab65cb4e92fd21ff03";

    @TempDir
    Path temp;

    private static DatasetSplits bundledThroughThePort() {
        return new FileDatasetSource(Path.of("/nonexistent/snas4j-test")).load(DatasetRequest.bundledDefault());
    }

    private static int[] histogram(ImageDataset data) {
        int[] counts = new int[data.classes()];
        for (int i = 0; i < data.size(); i++) {
            counts[data.label(i)]++;
        }
        return counts;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = FashionMnistSubsetTest.class.getResourceAsStream(FileDatasetSource.BUNDLED_SUBSET_RESOURCES + name)) {
            assertTrue(in != null, name + " is bundled");
            return in.readAllBytes();
        }
    }

    @Test
    void bundledSubsetHasTheDocumentedCountsShapeClassesAndFingerprint() {
        DatasetSplits splits = bundledThroughThePort();
        ImageDataset train = splits.train();
        ImageDataset test = splits.test();

        assertEquals(10_000, train.size());
        assertEquals(2_000, test.size());
        for (ImageDataset data : new ImageDataset[] {train, test}) {
            assertEquals(28, data.height());
            assertEquals(28, data.width());
            assertEquals(1, data.channels());
            assertEquals(10, data.classes());
        }
        // Fashion-MNIST is balanced (6,000 / 1,000 per class); a prefix stays close to that.
        for (int c = 0; c < 10; c++) {
            int trainCount = histogram(train)[c];
            int testCount = histogram(test)[c];
            assertTrue(trainCount > 850 && trainCount < 1150, "class " + c + " has " + trainCount + " training images");
            assertTrue(testCount > 150 && testCount < 250, "class " + c + " has " + testCount + " test images");
        }
        assertArrayEquals(new int[] {942, 1027, 1016, 1019, 974, 989, 1021, 1022, 990, 1000}, histogram(train));
        assertEquals(TRAIN_FINGERPRINT, train.fingerprint());
        assertEquals(TEST_FINGERPRINT, test.fingerprint());
    }

    @Test
    void provenanceRecordsTheSha256OfEveryBundledFileAndTheLicenceShipsWithIt() throws IOException {
        String provenance = new String(resource("PROVENANCE.md"), StandardCharsets.UTF_8);
        assertTrue(provenance.contains(TRAIN_FINGERPRINT) && provenance.contains(TEST_FINGERPRINT), "fingerprints documented");
        Matcher row = Pattern.compile("\\| (\\S+-idx\\d-ubyte\\.gz) \\| [^|]+ \\| ([0-9a-f]{64}) \\|").matcher(provenance);
        int rows = 0;
        while (row.find()) {
            assertEquals(row.group(2), FashionMnistSubsetMaker.sha256(resource(row.group(1))), row.group(1));
            rows++;
        }
        assertEquals(4, rows, "one SHA-256 row per bundled file");
        String licence = new String(resource("LICENSE"), StandardCharsets.UTF_8);
        assertTrue(licence.contains("Zalando SE") && licence.contains("Permission is hereby granted"), "MIT notice of Fashion-MNIST");
    }

    @Test
    void subsetIsThePrefixOfTheInstalledFullSetAndTheMakerReproducesIt() throws IOException {
        Path installed = FileDatasetSource.DEBIAN_FASHION_MNIST;
        assumeTrue(Files.isDirectory(installed), "Debian's dataset-fashion-mnist is not installed");
        DatasetSplits full = new FileDatasetSource().load(new DatasetRequest("fashion-mnist", Optional.of(installed)));
        assertEquals(60_000, full.train().size());
        assertEquals(10_000, full.test().size());
        assertEquals(TRAIN_FINGERPRINT, full.train().subset("prefix", IntStream.range(0, 10_000).toArray()).fingerprint());
        assertEquals(TEST_FINGERPRINT, full.test().subset("prefix", IntStream.range(0, 2_000).toArray()).fingerprint());

        Map<String, String> written = FashionMnistSubsetMaker.make(installed, temp);
        assertEquals(4, written.size());
        DatasetSplits remade = new FileDatasetSource().load(new DatasetRequest("fashion-mnist", Optional.of(temp)));
        assertEquals(TRAIN_FINGERPRINT, remade.train().fingerprint());
        assertEquals(TEST_FINGERPRINT, remade.test().fingerprint());
    }
}
