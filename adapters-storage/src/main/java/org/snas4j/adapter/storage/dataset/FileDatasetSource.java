package org.snas4j.adapter.storage.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snas4j.adapter.storage.dataset.folder.ImageFolderLoader;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.out.data.DatasetRequest;
import org.snas4j.application.port.out.data.DatasetSource;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.data.ImageDataset;

/**
 * Reads the datasets snas4j knows from files: Fashion-MNIST and MNIST as IDX (raw or gzip), CIFAR-10
 * as its binary batches, a folder of pictures with one sub-folder per class ({@link ImageFolderLoader}).
 * Classes carry their published names. Fashion-MNIST without a directory comes from Debian's
 * {@code dataset-fashion-mnist} package when that holds the full set, else from the subset bundled
 * in this jar (the first 10,000 training and 2,000 test images; see PROVENANCE.md beside it).
 */
public final class FileDatasetSource implements DatasetSource {

    /** Where Debian's dataset-fashion-mnist package installs the full set. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    public static final String FASHION_MNIST = "fashion-mnist";
    /** The subset shipped in the jar, also where the full set is installed: the same data everywhere. */
    public static final String FASHION_MNIST_SUBSET = "fashion-mnist-subset";
    public static final String MNIST = "mnist";
    public static final String CIFAR10 = "cifar10";
    /** A folder of pictures, one sub-folder per class; see {@link ImageFolderLoader}. */
    public static final String FOLDER = DatasetRequest.FOLDER;
    public static final List<String> DATASET_NAMES = List.of(FASHION_MNIST, FASHION_MNIST_SUBSET, MNIST, CIFAR10, FOLDER);
    /** Zalando's names of the Fashion-MNIST classes, by label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** The digits. */
    public static final List<String> MNIST_CLASSES = ImageDataset.indexNames(10);
    /** The CIFAR-10 class names of batches.meta.txt, by label. */
    public static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
            "ship", "truck");
    /** The dataset name (prefix of the train/test set names) of the bundled subset. */
    public static final String BUNDLED_SUBSET_NAME = "fashion-mnist (bundled subset)";

    static final String BUNDLED_SUBSET_RESOURCES = "/org/snas4j/datasets/fashion-mnist-subset/";
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final List<String> IDX_FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    static final List<String> CIFAR_TRAIN_FILES = List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    static final String CIFAR_TEST_FILE = "test_batch.bin";
    static final String CIFAR_EXTRACTED_DIRECTORY = "cifar-10-batches-bin";

    private static final int IDX_SIDE = 28;
    private static final int CLASSES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(FileDatasetSource.class);

    private final Path systemFashionMnist;
    private final ImageFolderLoader folders;

    /** Looks for the full Fashion-MNIST set where Debian installs it. */
    public FileDatasetSource() {
        this(DEBIAN_FASHION_MNIST);
    }

    /** Looks for the full Fashion-MNIST set in {@code systemFashionMnist} (tests point it elsewhere). */
    public FileDatasetSource(Path systemFashionMnist) {
        this(systemFashionMnist, new ImageFolderLoader());
    }

    public FileDatasetSource(Path systemFashionMnist, ImageFolderLoader folders) {
        this.systemFashionMnist = Objects.requireNonNull(systemFashionMnist, "systemFashionMnist");
        this.folders = Objects.requireNonNull(folders, "folders");
    }

    @Override
    public DatasetSplits load(DatasetRequest request) {
        Optional<Path> directory = request.directory();
        return switch (request.name()) {
            case FASHION_MNIST -> directory.isPresent() ? loadIdx(FASHION_MNIST, directory.get()) : loadDefaultFashionMnist();
            case FASHION_MNIST_SUBSET -> directory.isPresent()
                    ? refuseDirectory(directory.get())
                    : loadBundledSubset();
            case MNIST -> loadIdx(MNIST, directory.orElseThrow(() -> noDirectory(MNIST, "train-images-idx3-ubyte and the other three IDX files")));
            case CIFAR10 -> loadCifar(directory.orElseThrow(() -> noDirectory(CIFAR10, "data_batch_1.bin .. data_batch_5.bin and test_batch.bin")));
            case FOLDER -> folders.load(directory.orElseThrow(() -> new InvalidSettingException(DatasetRequest.DIRECTORY_SETTING,
                    "the folder dataset needs its directory, with one sub-folder of pictures per class")), request.folder());
            default -> throw new InvalidSettingException(DatasetRequest.NAME_SETTING, "unknown dataset '" + request.name() + "'; valid names: "
                    + String.join(", ", DATASET_NAMES));
        };
    }

    private static DatasetSplits refuseDirectory(Path directory) {
        throw new InvalidSettingException(DatasetRequest.DIRECTORY_SETTING, FASHION_MNIST_SUBSET + " is the subset inside the jar and reads no directory (got "
                + directory + "); the dataset " + FASHION_MNIST + " reads files on disk");
    }

    private DatasetSplits loadDefaultFashionMnist() {
        if (locateIdxFiles(systemFashionMnist).isPresent()) {
            LOG.info("fashion-mnist: reading the full set from {}", systemFashionMnist);
            return loadIdx(FASHION_MNIST, systemFashionMnist);
        }
        LOG.info("fashion-mnist: {} does not hold the full set (Debian's dataset-fashion-mnist package installs it); "
                + "using the bundled subset (first 10,000 training and 2,000 test images)", systemFashionMnist);
        return loadBundledSubset();
    }

    /** The subset shipped in this jar, whatever is installed. */
    public static DatasetSplits loadBundledSubset() {
        return loadIdx(BUNDLED_SUBSET_NAME, name -> DataFile.resource(BUNDLED_SUBSET_RESOURCES + name + ".gz"));
    }

    private static DatasetSplits loadIdx(String datasetName, Path directory) {
        requireDirectory(directory);
        Map<String, Path> files = locateIdxFiles(directory).orElseThrow(() -> new InvalidInputException(directory,
                "missing " + String.join(", ", missingIdxFiles(directory)) + " (expected " + String.join(", ", IDX_FILES)
                        + ", each raw or gzip with .gz)"));
        return loadIdx(datasetName, name -> DataFile.of(files.get(name)));
    }

    private static DatasetSplits loadIdx(String datasetName, Function<String, DataFile> files) {
        List<String> classes = MNIST.equals(datasetName) ? MNIST_CLASSES : FASHION_MNIST_CLASSES;
        ImageDataset train = idxPart(datasetName, "train", files.apply(TRAIN_IMAGES), files.apply(TRAIN_LABELS), classes);
        ImageDataset test = idxPart(datasetName, "test", files.apply(TEST_IMAGES), files.apply(TEST_LABELS), classes);
        return new DatasetSplits(train, test);
    }

    private static ImageDataset idxPart(String datasetName, String part, DataFile imagesFile, DataFile labelsFile, List<String> classes) {
        IdxReader.Images images = IdxReader.readImages(imagesFile);
        if (images.rows() != IDX_SIDE || images.columns() != IDX_SIDE) {
            throw new InvalidInputException(imagesFile.source(), "images are " + images.rows() + "x" + images.columns() + " pixels, expected "
                    + IDX_SIDE + "x" + IDX_SIDE + " for " + datasetName);
        }
        int[] labels = IdxReader.readLabels(labelsFile, CLASSES);
        if (labels.length != images.count()) {
            throw new InvalidInputException(labelsFile.source(), "holds " + labels.length + " labels but " + fileName(imagesFile) + " holds "
                    + images.count() + " images");
        }
        return new ImageDataset(datasetName + " " + part, IDX_SIDE, IDX_SIDE, 1, classes, images.pixels(), labels);
    }

    /** The four IDX files of {@code directory} (each raw, else .gz), or empty if any is missing. */
    private static Optional<Map<String, Path>> locateIdxFiles(Path directory) {
        Map<String, Path> found = new LinkedHashMap<>();
        for (String name : IDX_FILES) {
            locate(directory, name).ifPresent(path -> found.put(name, path));
        }
        return found.size() == IDX_FILES.size() ? Optional.of(found) : Optional.empty();
    }

    private static List<String> missingIdxFiles(Path directory) {
        return IDX_FILES.stream().filter(name -> locate(directory, name).isEmpty()).map(name -> name + "[.gz]").toList();
    }

    private static Optional<Path> locate(Path directory, String name) {
        Path raw = directory.resolve(name);
        Path gzip = directory.resolve(name + ".gz");
        return Files.isRegularFile(raw) ? Optional.of(raw) : Files.isRegularFile(gzip) ? Optional.of(gzip) : Optional.empty();
    }

    private static DatasetSplits loadCifar(Path directory) {
        requireDirectory(directory);
        Path base = directory;
        Path extracted = directory.resolve(CIFAR_EXTRACTED_DIRECTORY);
        if (!Files.isRegularFile(directory.resolve(CIFAR_TRAIN_FILES.get(0))) && Files.isDirectory(extracted)) {
            base = extracted;
        }
        List<String> missing = new ArrayList<>();
        List<String> all = new ArrayList<>(CIFAR_TRAIN_FILES);
        all.add(CIFAR_TEST_FILE);
        for (String name : all) {
            if (!Files.isRegularFile(base.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(base, "missing " + String.join(", ", missing) + " (expected data_batch_1.bin .. data_batch_5.bin and "
                    + "test_batch.bin, here or in " + CIFAR_EXTRACTED_DIRECTORY + "/)");
        }
        Path batches = base;
        ImageDataset train = cifarPart(CIFAR10 + " train", CIFAR_TRAIN_FILES.stream().map(batches::resolve).toList());
        ImageDataset test = cifarPart(CIFAR10 + " test", List.of(batches.resolve(CIFAR_TEST_FILE)));
        return new DatasetSplits(train, test);
    }

    private static ImageDataset cifarPart(String name, List<Path> files) {
        int[] counts = new int[files.size()];
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = CifarBinaryReader.recordCount(files.get(i));
            total += counts[i];
        }
        if (total * CifarBinaryReader.IMAGE_BYTES > IdxReader.MAX_DATA_BYTES) {
            throw new InvalidInputException(files.get(0).getParent(), "the batches hold " + total + " images, over "
                    + IdxReader.MAX_DATA_BYTES + " pixel bytes: absurd, refused");
        }
        byte[] pixels = new byte[(int) total * CifarBinaryReader.IMAGE_BYTES];
        int[] labels = new int[(int) total];
        int first = 0;
        for (int i = 0; i < counts.length; i++) {
            CifarBinaryReader.readInto(files.get(i), counts[i], pixels, labels, first);
            first += counts[i];
        }
        return new ImageDataset(name, CifarBinaryReader.SIDE, CifarBinaryReader.SIDE, CifarBinaryReader.CHANNELS, CIFAR10_CLASSES,
                pixels, labels);
    }

    private static void requireDirectory(Path directory) {
        if (!Files.exists(directory)) {
            throw new InvalidInputException(directory, "directory does not exist");
        }
        if (!Files.isDirectory(directory)) {
            throw new InvalidInputException(directory, "not a directory");
        }
    }

    private static InvalidInputException noDirectory(String dataset, String files) {
        return new InvalidInputException(dataset, "no directory given and " + dataset + " is not bundled; give the directory holding " + files);
    }

    private static String fileName(DataFile file) {
        String source = file.source();
        return source.substring(source.lastIndexOf('/') + 1);
    }
}
