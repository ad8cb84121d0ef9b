package org.snas4j.adapter.storage.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.snas4j.adapter.storage.dataset.DatasetFixtures.SIDE;
import static org.snas4j.adapter.storage.dataset.DatasetFixtures.TEST_COUNT;
import static org.snas4j.adapter.storage.dataset.DatasetFixtures.TRAIN_COUNT;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.data.PictureFolders;

class FileDatasetSourceTest {

    @TempDir
    Path temp;

    private final FileDatasetSource source = new FileDatasetSource(Path.of("/nonexistent/snas4j-test"));

    private DatasetSplits load(String name, Path directory) {
        return source.load(new DatasetRequest(name, Optional.of(directory)));
    }

    private static void assertIdxContent(ImageDataset data, int count) {
        assertEquals(count, data.size());
        assertEquals(SIDE, data.height());
        assertEquals(SIDE, data.width());
        assertEquals(1, data.channels());
        assertEquals(10, data.classes());
        for (int i = 0; i < count; i++) {
            assertEquals(DatasetFixtures.label(i), data.label(i));
            for (int y = 0; y < SIDE; y += 9) {
                for (int x = 0; x < SIDE; x += 5) {
                    assertEquals(DatasetFixtures.idxPixel(i, y, x), data.pixel(i, y, x, 0), "image " + i + " (" + y + ", " + x + ")");
                }
            }
        }
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void readsIdxRawOrGzip(boolean gzip) throws IOException {
        DatasetSplits splits = load("mnist", DatasetFixtures.writeIdxSet(temp, gzip));
        assertIdxContent(splits.train(), TRAIN_COUNT);
        assertIdxContent(splits.test(), TEST_COUNT);
        assertEquals("mnist train", splits.train().name());
    }

    @Test
    void recognisesGzipByItsMagicNotItsName() throws IOException {
        DatasetFixtures.writeIdxSet(temp, false);
        // gzip data under the raw name, and raw data under a .gz name (the raw name is gone).
        Files.write(temp.resolve("train-images-idx3-ubyte"), DatasetFixtures.gzip(Files.readAllBytes(temp.resolve("train-images-idx3-ubyte"))));
        Files.move(temp.resolve("t10k-labels-idx1-ubyte"), temp.resolve("t10k-labels-idx1-ubyte.gz"));

        DatasetSplits splits = load("fashion-mnist", temp);
        assertIdxContent(splits.train(), TRAIN_COUNT);
        assertIdxContent(splits.test(), TEST_COUNT);
    }

    @Test
    void readsGzipFilesOfSeveralMembers() throws IOException {
        DatasetFixtures.writeIdxSet(temp, true);
        byte[] labels = DatasetFixtures.idxFile("train-labels-idx1-ubyte");
        byte[] first = DatasetFixtures.gzip(java.util.Arrays.copyOfRange(labels, 0, 11));
        byte[] second = DatasetFixtures.gzip(java.util.Arrays.copyOfRange(labels, 11, labels.length));
        byte[] concatenated = new byte[first.length + second.length];
        System.arraycopy(first, 0, concatenated, 0, first.length);
        System.arraycopy(second, 0, concatenated, first.length, second.length);
        Files.write(temp.resolve("train-labels-idx1-ubyte.gz"), concatenated);

        assertIdxContent(load("mnist", temp).train(), TRAIN_COUNT);
    }

    @Test
    void readsCifarBatchesIntoNhwc() throws IOException {
        DatasetSplits splits = load("cifar10", DatasetFixtures.writeCifarSet(temp, 3, 4));
        ImageDataset train = splits.train();
        assertEquals(15, train.size());
        assertEquals(4, splits.test().size());
        assertEquals(32, train.height());
        assertEquals(3, train.channels());
        for (int i = 0; i < train.size(); i++) {
            assertEquals(DatasetFixtures.label(i), train.label(i));
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y += 7) {
                    for (int x = 0; x < 32; x += 3) {
                        assertEquals(DatasetFixtures.cifarValue(i, c, y, x), train.pixel(i, y, x, c), "image " + i + " (" + y + ", " + x + ", " + c + ")");
                    }
                }
            }
        }
        assertEquals(DatasetFixtures.cifarValue(1002, 2, 31, 30), splits.test().pixel(2, 31, 30, 2));
    }

    @Test
    void findsCifarInTheExtractedDirectory() throws IOException {
        DatasetFixtures.writeCifarSet(temp.resolve(FileDatasetSource.CIFAR_EXTRACTED_DIRECTORY), 1, 1);
        assertEquals(5, load("cifar10", temp).train().size());
    }

    @Test
    void theSubsetNameReadsTheBundledSubsetWhateverIsInstalledAndRefusesADirectory() {
        DatasetSplits subset = source.load(new DatasetRequest("fashion-mnist-subset", Optional.empty()));
        assertEquals(FileDatasetSource.loadBundledSubset().train().fingerprint(), subset.train().fingerprint());
        assertEquals(2_000, subset.test().size());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> source.load(new DatasetRequest("fashion-mnist-subset", Optional.of(temp))));
        assertEquals(DatasetRequest.DIRECTORY_SETTING, e.source());
    }

    @Test
    void unknownNameNamesTheFlagValueAndTheValidNames() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> source.load(new DatasetRequest("imagenet", Optional.empty())));
        assertEquals(DatasetRequest.NAME_SETTING, e.source());
        assertEquals("unknown dataset 'imagenet'; valid names: fashion-mnist, fashion-mnist-subset, mnist, cifar10, folder", e.problem());
    }

    @Test
    void datasetsWithoutABundledCopyNeedADirectory() {
        InvalidInputException mnist = assertThrows(InvalidInputException.class, () -> source.load(new DatasetRequest("mnist", Optional.empty())));
        assertTrue(mnist.problem().contains("no directory given"), mnist.getMessage());
        InvalidInputException cifar = assertThrows(InvalidInputException.class, () -> source.load(new DatasetRequest("cifar10", Optional.empty())));
        assertTrue(cifar.problem().contains("data_batch_1.bin"), cifar.getMessage());
    }

    @Test
    void missingFilesAreListedWithTheDirectory() throws IOException {
        DatasetFixtures.writeIdxSet(temp, true);
        Files.delete(temp.resolve("train-labels-idx1-ubyte.gz"));
        Files.delete(temp.resolve("t10k-images-idx3-ubyte.gz"));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load("fashion-mnist", temp));
        assertEquals(temp.toString(), e.source());
        assertTrue(e.problem().startsWith("missing train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz] (expected "), e.problem());
    }

    @Test
    void missingCifarBatchesAreListed() throws IOException {
        DatasetFixtures.writeCifarSet(temp, 1, 1);
        Files.delete(temp.resolve("data_batch_4.bin"));
        Files.delete(temp.resolve("test_batch.bin"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load("cifar10", temp));
        assertEquals(temp.toString(), e.source());
        assertTrue(e.problem().startsWith("missing data_batch_4.bin, test_batch.bin"), e.problem());
    }

    @Test
    void aDirectoryThatIsNotThereOrNotADirectoryIsNamed() throws IOException {
        Path absent = temp.resolve("absent");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> load("mnist", absent));
        assertEquals(absent + ": directory does not exist", e.getMessage());
        Path file = Files.writeString(temp.resolve("file"), "x");
        assertEquals(file + ": not a directory", assertThrows(InvalidInputException.class, () -> load("cifar10", file)).getMessage());
    }

    @Test
    void defaultFashionMnistPrefersTheInstalledFullSet() throws IOException {
        Path installed = DatasetFixtures.writeIdxSet(temp.resolve("installed"), true);
        DatasetSplits splits = new FileDatasetSource(installed).load(DatasetRequest.bundledDefault());
        assertEquals(TRAIN_COUNT, splits.train().size());
        assertEquals("fashion-mnist train", splits.train().name());
    }

    @Test
    void defaultFashionMnistFallsBackToTheBundledSubsetWhenTheInstalledSetIsIncomplete() throws IOException {
        Path installed = DatasetFixtures.writeIdxSet(temp.resolve("installed"), true);
        Files.delete(installed.resolve("t10k-labels-idx1-ubyte.gz"));
        DatasetSplits splits = new FileDatasetSource(installed).load(DatasetRequest.bundledDefault());
        assertEquals(FashionMnistSubsetMaker.TRAIN_IMAGES, splits.train().size());
        assertEquals(FileDatasetSource.BUNDLED_SUBSET_NAME + " train", splits.train().name());
    }

    @Test
    void classesCarryTheirPublishedNames() {
        DatasetSplits bundled = new FileDatasetSource().load(new DatasetRequest(FileDatasetSource.FASHION_MNIST_SUBSET, Optional.empty()));
        assertEquals("T-shirt/top", bundled.train().classNames().get(0));
        assertEquals("Ankle boot", bundled.test().classNames().get(9));
        assertEquals(10, FileDatasetSource.CIFAR10_CLASSES.size());
        assertEquals("truck", FileDatasetSource.CIFAR10_CLASSES.get(9));
    }

    @Test
    void aFolderDatasetReadsItsFolderAndNeedsOne(@TempDir Path dir) {
        PictureFolders.write(dir, List.of("b", "a"), 5, 8, 8, "png", false);
        DatasetSplits splits = new FileDatasetSource().load(new DatasetRequest(DatasetRequest.FOLDER, Optional.of(dir)));
        assertEquals(List.of("a", "b"), splits.train().classNames());
        assertEquals(10, splits.train().size() + splits.test().size());
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> new FileDatasetSource().load(new DatasetRequest(DatasetRequest.FOLDER, Optional.empty())));
        assertEquals(DatasetRequest.DIRECTORY_SETTING, e.setting());
    }
}
