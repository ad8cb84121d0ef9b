package org.snas4j.adapter.storage.dataset.folder;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snas4j.adapter.storage.io.Problems;
import org.snas4j.application.InvalidInputException;

/**
 * Lists an image folder: one sub-folder per class, classes in sorted order, every file below a class
 * folder (sub-folders included) a picture of that class. Hidden files and folders (".DS_Store",
 * ".git") are passed over, and so are files lying directly in the folder (a README). A folder
 * holding {@code train/} is split: classes from {@code train/}, the test pictures from {@code test/}
 * when it is there. Symbolic links are followed only while they stay inside the folder.
 */
final class FolderScanner {

    static final String TRAIN = "train";
    static final String TEST = "test";

    /** A picture to read: its file, its name relative to the folder, its class. */
    record Entry(Path file, String name, int label) {
    }

    /**
     * @param classNames sorted class folder names
     * @param train      the training pictures (all pictures when the folder is not split)
     * @param test       the test pictures of a split folder; empty when the folder holds no test/
     * @param bad        files that cannot be pictures of the folder, in the order met
     */
    record Listing(List<String> classNames, List<Entry> train, Optional<List<Entry>> test, List<BadPicture> bad) {
    }

    private final Path root;
    private final Path realRoot;
    private final List<BadPicture> bad = new ArrayList<>();
    private final Set<Path> visited = new HashSet<>();

    private FolderScanner(Path root) {
        this.root = root;
        try {
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException(root, Files.exists(root, LinkOption.NOFOLLOW_LINKS) ? "cannot be read: " + e.getMessage()
                    : "directory does not exist");
        }
        if (!Files.isDirectory(realRoot)) {
            throw new InvalidInputException(root, "not a directory (expected a folder with one sub-folder of pictures per class)");
        }
    }

    /** Lists {@code root} for training: classes from it (or from its train/), test pictures from its test/ if present. */
    static Listing scan(Path root) {
        FolderScanner scanner = new FolderScanner(root);
        Path train = root.resolve(TRAIN);
        boolean split = Files.isDirectory(train);
        Path classesRoot = split ? train : root;
        List<String> classNames = scanner.classFolders(classesRoot);
        if (classNames.size() < 2) {
            throw new InvalidInputException(classesRoot, "holds a single class folder, '" + classNames.get(0)
                    + "': a classifier needs at least two classes (one sub-folder of pictures per class)");
        }
        List<Entry> trainEntries = scanner.entries(classesRoot, classNames, classNames);
        Optional<List<Entry>> test = Optional.empty();
        Path testRoot = root.resolve(TEST);
        if (split && Files.isDirectory(testRoot)) {
            List<String> testClasses = scanner.classFolders(testRoot);
            for (String name : testClasses) {
                if (!classNames.contains(name)) {
                    throw new InvalidInputException(testRoot.resolve(name), "is a class folder that " + train + " does not have (its classes: "
                            + String.join(", ", classNames) + ")");
                }
            }
            test = Optional.of(scanner.entries(testRoot, testClasses, classNames));
        }
        return new Listing(classNames, trainEntries, test, List.copyOf(scanner.bad));
    }

    /** Lists the pictures to classify: those of the test/ part of a split folder, else all; classes from the folder they are in. */
    static Listing scanForPrediction(Path root) {
        FolderScanner scanner = new FolderScanner(root);
        Path base = Files.isDirectory(root.resolve(TRAIN)) && Files.isDirectory(root.resolve(TEST)) ? root.resolve(TEST) : root;
        List<String> classNames = scanner.classFolders(base);
        return new Listing(classNames, scanner.entries(base, classNames, classNames), Optional.empty(), List.copyOf(scanner.bad));
    }

    /** The sorted names of the class folders of {@code base}; refuses none, or a single one when classes are made from it. */
    private List<String> classFolders(Path base) {
        List<String> names = new ArrayList<>();
        for (Path child : children(base)) {
            String name = child.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isSymbolicLink(child)) {
                Path target = insideOrNull(child);
                if (target == null) {
                    throw new InvalidInputException(child, "is a class folder behind a symbolic link that leads out of " + root);
                }
            }
            if (Files.isDirectory(child)) {
                names.add(name);
            }
        }
        names.sort(null);
        if (names.isEmpty()) {
            throw new InvalidInputException(base, "holds no class folders (expected one sub-folder of pictures per class, "
                    + "e.g. " + base.resolve("cats") + "/1.jpg, " + base.resolve("dogs") + "/1.jpg)");
        }
        return names;
    }

    private List<Entry> entries(Path base, List<String> folders, List<String> classNames) {
        List<Entry> entries = new ArrayList<>();
        for (String name : folders) {
            Path folder = base.resolve(name);
            int before = entries.size();
            visit(folder, classNames.indexOf(name), entries);
            if (entries.size() == before && bad.stream().noneMatch(b -> b.file().startsWith(folder))) {
                throw new InvalidInputException(folder, "is an empty class folder: every class needs pictures");
            }
        }
        return entries;
    }

    private void visit(Path directory, int label, List<Entry> entries) {
        try {
            if (!visited.add(directory.toRealPath())) {
                bad.add(new BadPicture(directory, "is a symbolic link to a folder already read (a loop)"));
                return;
            }
        } catch (IOException e) {
            bad.add(new BadPicture(directory, "cannot be read: " + Problems.oneLine(String.valueOf(e.getMessage()))));
            return;
        }
        for (Path child : children(directory)) {
            String name = child.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isSymbolicLink(child)) {
                try {
                    Path target = child.toRealPath();
                    if (!target.startsWith(realRoot)) {
                        bad.add(new BadPicture(child, "is a symbolic link that leads out of the folder (to " + target + ")"));
                        continue;
                    }
                } catch (IOException e) {
                    bad.add(new BadPicture(child, "cannot be read: a symbolic link to nothing (" + Problems.oneLine(String.valueOf(e.getMessage()))
                            + ")"));
                    continue;
                }
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(child, BasicFileAttributes.class);
            } catch (IOException e) {
                bad.add(new BadPicture(child, "cannot be read: " + Problems.oneLine(String.valueOf(e.getMessage()))));
                continue;
            }
            if (attributes.isDirectory()) {
                visit(child, label, entries);
            } else if (attributes.isRegularFile()) {
                entries.add(new Entry(child, root.relativize(child).toString(), label));
            } else {
                bad.add(new BadPicture(child, "is not a regular file"));
            }
        }
    }

    private Path insideOrNull(Path link) {
        try {
            Path target = link.toRealPath();
            return target.startsWith(realRoot) ? target : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The entries of {@code directory}, sorted by name so that every run reads them in one order. */
    private static List<Path> children(Path directory) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            throw new InvalidInputException(directory, "cannot be listed: " + Problems.oneLine(String.valueOf(e.getMessage())));
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return children;
    }
}
