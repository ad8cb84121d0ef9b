package org.snas4j.adapter.storage.dataset.folder;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snas4j.adapter.storage.dataset.folder.FolderScanner.Entry;
import org.snas4j.adapter.storage.dataset.folder.FolderScanner.Listing;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.data.ImageFolderOptions;
import org.snas4j.application.port.out.data.ImageFolderSource;
import org.snas4j.application.port.out.data.PixelSource;
import org.snas4j.application.port.out.data.Prefetch;
import org.snas4j.domain.sampling.Permutations;
import org.snas4j.domain.sampling.StratifiedHoldOut;

/**
 * Reads a folder of pictures, one sub-folder per class (torchvision's ImageFolder convention), into
 * datasets: every picture's header is checked first (format, size, the pixel limit), then every
 * picture is decoded on the worker threads, brought to the input size and channels, and kept in
 * memory, or, when the decoded folder exceeds the memory limit, only checked and later decoded from
 * disk for every batch. Without {@code test/}, a fixed-seed, class-stratified share of the pictures
 * becomes the test set, the same in every run. The training pictures are put in a fixed shuffled
 * order, so that the first N of them ({@code --train-limit}) are a random sample of every class.
 */
public final class ImageFolderLoader implements ImageFolderSource {

    /** Seed of the test split and of the training order: fixed, so every run and every --seed sees the same sets. */
    static final long FOLDER_SEED = 0x464F4C444552L;
    /** Names listed in the warning about skipped pictures. */
    static final int NAMED_BAD_PICTURES = 3;
    /** Pictures decoded at once per worker. */
    private static final int CHUNK_PER_WORKER = 32;
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderLoader.class);

    private final Consumer<String> warnings;
    private final long heapBytes;
    private final Executor workers;
    private final int parallelism;

    /** Warns through the log; the memory limit defaults to a quarter of this JVM's heap. */
    public ImageFolderLoader() {
        this(LOG::warn, Runtime.getRuntime().maxMemory(), DecodingWorkers.shared(), DecodingWorkers.COUNT);
    }

    ImageFolderLoader(Consumer<String> warnings, long heapBytes, Executor workers, int parallelism) {
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.heapBytes = heapBytes;
        this.workers = Objects.requireNonNull(workers, "workers");
        this.parallelism = parallelism;
    }

    /** The training and test sets of {@code folder} ({@code --dataset folder --data DIR}). */
    public DatasetSplits load(Path folder, ImageFolderOptions options) {
        Listing listing = FolderScanner.scan(folder);
        String name = "folder " + folder.toAbsolutePath().normalize().getFileName();
        List<List<Entry>> parts = listing.test().isPresent() ? List.of(listing.train(), listing.test().get()) : List.of(listing.train());
        List<Part> read = read(folder, listing, parts, options);
        requireEveryClass(folder, listing, read.get(0), options);
        // Shuffled once the usable pictures are known, so that skipping a bad picture is the same as its absence.
        ImageDataset first = read.get(0).dataset(name);
        if (read.size() == 2) {
            return new DatasetSplits(first.subset(name + " train", shuffledOrder(first.size())), read.get(1).dataset(name + " test"));
        }
        ImageDataset all = first.subset(name, shuffledOrder(first.size()));
        boolean[] test = all.stratifiedHoldOut(options.testFraction(), FOLDER_SEED, ImageFolderOptions.TEST_FRACTION);
        return new DatasetSplits(all.subset(name + " train", StratifiedHoldOut.indices(test, false)),
                all.subset(name + " test", StratifiedHoldOut.indices(test, true)));
    }

    @Override
    public FolderImages readAll(Path folder, ImageFolderOptions options) {
        Listing listing = FolderScanner.scanForPrediction(folder);
        Part part = read(folder, listing, List.of(listing.train()), options).get(0);
        return new FolderImages(part.dataset("folder " + folder.toAbsolutePath().normalize().getFileName()), part.names());
    }

    /** The usable pictures of each part, decoded (or checked, when streamed), with the bad ones refused or skipped. */
    private List<Part> read(Path folder, Listing listing, List<List<Entry>> parts, ImageFolderOptions options) {
        List<BadPicture> bad = new ArrayList<>(listing.bad());
        refuseUnlessSkipping(bad, options);
        List<List<Headed>> headed = new ArrayList<>();
        for (List<Entry> part : parts) {
            List<Headed> good = new ArrayList<>();
            inOrder(part, entry -> new Headed(entry, PictureDecoder.header(entry.file(), options.maxImagePixels()), stamp(entry.file())),
                    (entry, outcome) -> keepOrSkip(entry, outcome, good, bad, options));
            headed.add(good);
        }
        Shape shape = shape(headed, bad, options);
        long imageBytes = (long) shape.height() * shape.width() * shape.channels();
        long total = headed.stream().mapToLong(List::size).sum() * imageBytes;
        long limit = options.memoryLimitMegabytes() > 0 ? options.memoryLimitMegabytes() * (1L << 20) : heapBytes / 4;
        boolean inMemory = total <= limit && headed.stream().allMatch(p -> p.size() * imageBytes <= Integer.MAX_VALUE - 16);
        if (!inMemory) {
            LOG.info("{}: {} pictures decode to {} MB, over the memory limit of {} MB (--image-memory): they are decoded from disk "
                    + "for every batch, on {} worker threads", folder, headed.stream().mapToLong(List::size).sum(), total >> 20, limit >> 20,
                    parallelism);
        }
        List<Part> result = new ArrayList<>();
        for (List<Headed> part : headed) {
            result.add(decode(part, shape, listing.classNames(), inMemory, bad, options));
        }
        if (!bad.isEmpty()) {
            warnings.accept(skippedWarning(folder, bad, result.stream().mapToInt(p -> p.names().size()).sum() + bad.size()));
        }
        return result;
    }

    /** The pictures of one part decoded in order: into memory, or checked and left on disk. */
    private Part decode(List<Headed> part, Shape shape, List<String> classNames, boolean inMemory, List<BadPicture> bad,
                        ImageFolderOptions options) {
        int imageBytes = shape.height() * shape.width() * shape.channels();
        byte[] pixels = inMemory ? new byte[part.size() * imageBytes] : null;
        List<Headed> kept = new ArrayList<>();
        List<byte[]> decoded = new ArrayList<>(1);
        inOrder(part, headed -> prepare(headed.entry().file(), shape, options), (headed, outcome) -> {
            decoded.clear();
            if (keepOrSkip(headed.entry(), outcome, decoded, bad, options)) {
                if (pixels != null) {
                    System.arraycopy(decoded.get(0), 0, pixels, kept.size() * imageBytes, imageBytes);
                }
                kept.add(headed);
            }
        });
        byte[] keptPixels = pixels == null ? null : kept.size() == part.size() ? pixels : Arrays.copyOf(pixels, kept.size() * imageBytes);
        return new Part(kept, shape, classNames, keptPixels, options, workers, parallelism);
    }

    /** The decoded picture at the dataset's shape; a picture of another size is refused when resizing is off. */
    static byte[] prepare(Path file, Shape shape, ImageFolderOptions options) throws BadPicture.Problem {
        BufferedImage picture = PictureDecoder.decode(file, options.maxImagePixels());
        byte[] pixels = PictureDecoder.pixels(picture, shape.channels());
        if (options.inputSize() == 0) {
            if (picture.getHeight() != shape.height() || picture.getWidth() != shape.width()) {
                throw new BadPicture.Problem("is " + picture.getWidth() + "x" + picture.getHeight() + " pixels, the other pictures "
                        + shape.width() + "x" + shape.height() + " (give --input-size to resize them all)");
            }
            return pixels;
        }
        return Resampler.fit(pixels, picture.getHeight(), picture.getWidth(), shape.channels(), options.inputSize(), options.fit());
    }

    /** Height, width and channels of the dataset's images: the input size, or the pictures' most common size. */
    record Shape(int height, int width, int channels) {
    }

    private static Shape shape(List<List<Headed>> parts, List<BadPicture> bad, ImageFolderOptions options) {
        if (options.inputSize() > 0) {
            return new Shape(options.inputSize(), options.inputSize(), options.inputChannels());
        }
        Map<PictureDecoder.Header, Integer> counts = new HashMap<>();
        PictureDecoder.Header common = null;
        for (List<Headed> part : parts) {
            for (Headed h : part) {
                int count = counts.merge(h.header(), 1, Integer::sum);
                if (common == null || count > counts.get(common)) {
                    common = h.header();
                }
            }
        }
        if (common == null) {
            throw new InvalidInputException(bad.isEmpty() ? "folder" : bad.get(0).file().toString(), "no usable pictures");
        }
        return new Shape(common.height(), common.width(), options.inputChannels());
    }

    private static void requireEveryClass(Path folder, Listing listing, Part train, ImageFolderOptions options) {
        int[] perClass = new int[listing.classNames().size()];
        train.kept().forEach(h -> perClass[h.entry().label()]++);
        for (int c = 0; c < perClass.length; c++) {
            if (perClass[c] == 0) {
                throw new InvalidInputException(folder.resolve(listing.test().isPresent() ? FolderScanner.TRAIN : "").resolve(listing.classNames().get(c)),
                        "has no usable pictures" + (options.skipBadImages() ? " left after skipping the bad ones" : ""));
            }
        }
    }

    /** Records a failed step as a bad picture (refused at once unless skipping); true when the value was kept. */
    private static <T> boolean keepOrSkip(Entry entry, Outcome<T> outcome, List<T> good, List<BadPicture> bad, ImageFolderOptions options) {
        if (outcome.problem() == null) {
            good.add(outcome.value());
            return true;
        }
        bad.add(new BadPicture(entry.file(), outcome.problem()));
        refuseUnlessSkipping(bad, options);
        return false;
    }

    private static void refuseUnlessSkipping(List<BadPicture> bad, ImageFolderOptions options) {
        if (!bad.isEmpty() && !options.skipBadImages()) {
            BadPicture first = bad.get(0);
            throw new InvalidInputException(first.file(), first.problem() + " (--skip-bad-images leaves such files out)");
        }
    }

    static String skippedWarning(Path folder, List<BadPicture> bad, int files) {
        String named = bad.stream().limit(NAMED_BAD_PICTURES).map(b -> folder.relativize(b.file()) + " (" + b.problem() + ")")
                .collect(Collectors.joining("; "));
        int more = bad.size() - Math.min(bad.size(), NAMED_BAD_PICTURES);
        return String.format(Locale.ROOT, "%s: skipped %d of %d files that are no usable pictures (--skip-bad-images): %s%s", folder,
                bad.size(), files, named, more > 0 ? "; and " + more + " more" : "");
    }

    /** A step of reading one picture, which may find it bad. */
    @FunctionalInterface
    interface Step<I, T> {
        T apply(I item) throws BadPicture.Problem;
    }

    /** A step's value, or what was wrong with the picture. */
    record Outcome<T>(T value, String problem) {
    }

    /** Runs {@code step} on the workers, a chunk at a time, and hands the outcomes to {@code consumer} in list order. */
    private <I, T> void inOrder(List<I> items, Step<I, T> step, BiConsumer<I, Outcome<T>> consumer) {
        int chunk = CHUNK_PER_WORKER * Math.max(1, parallelism);
        for (int start = 0; start < items.size(); start += chunk) {
            List<I> slice = items.subList(start, Math.min(items.size(), start + chunk));
            List<CompletableFuture<Outcome<T>>> outcomes = new ArrayList<>(slice.size());
            for (I item : slice) {
                outcomes.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return new Outcome<>(step.apply(item), null);
                    } catch (BadPicture.Problem e) {
                        return new Outcome<>(null, e.getMessage());
                    }
                }, workers));
            }
            for (int i = 0; i < slice.size(); i++) {
                consumer.accept(slice.get(i), Prefetch.await(outcomes.get(i)));
            }
        }
    }

    /** A fixed permutation of 0..size-1. */
    private static int[] shuffledOrder(int size) {
        return Permutations.uniform(size, new SplittableRandom(FOLDER_SEED));
    }

    /** Size and modification time: a streamed picture that changed after it was checked is refused, not read silently. */
    static String stamp(Path file) throws BadPicture.Problem {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.size() + "@" + attributes.lastModifiedTime().toMillis();
        } catch (IOException e) {
            throw new BadPicture.Problem("cannot be read: " + e.getMessage());
        }
    }

    /** A picture whose header passed, with what it looked like then. */
    record Headed(Entry entry, PictureDecoder.Header header, String stamp) {
    }

    /** The usable pictures of one part and, unless streamed, their decoded bytes. */
    private record Part(List<Headed> kept, Shape shape, List<String> classNames, byte[] pixels, ImageFolderOptions options,
                        Executor workers, int parallelism) {

        List<String> names() {
            return kept.stream().map(h -> h.entry().name()).toList();
        }

        ImageDataset dataset(String name) {
            int[] labels = kept.stream().mapToInt(h -> h.entry().label()).toArray();
            if (pixels != null) {
                return new ImageDataset(name, shape.height(), shape.width(), shape.channels(), classNames, pixels, labels);
            }
            return ImageDataset.streamed(name, shape.height(), shape.width(), shape.channels(), classNames, labels,
                    new StreamedPictures(kept, shape, options, workers, parallelism));
        }
    }

    /** Decodes the pictures of a folder too large for memory again whenever a batch needs them. */
    private record StreamedPictures(List<Headed> pictures, Shape shape, ImageFolderOptions options, Executor workers, int parallelism)
            implements PixelSource {

        @Override
        public void read(int index, byte[] target, int offset) {
            Headed picture = pictures.get(index);
            Path file = picture.entry().file();
            try {
                if (!stamp(file).equals(picture.stamp())) {
                    throw new InvalidInputException(file, "changed on disk after the folder was read; the run's images would no longer be "
                            + "the ones it started with");
                }
                byte[] pixels = prepare(file, shape, options);
                System.arraycopy(pixels, 0, target, offset, pixels.length);
            } catch (BadPicture.Problem e) {
                throw new InvalidInputException(file, e.getMessage());
            }
        }
    }
}
