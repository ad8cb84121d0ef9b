package org.snas4j.adapter.storage.checkpoint;

import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.adapter.io.FileTrees;
import org.snas4j.adapter.storage.io.ProtoFiles;
import org.snas4j.adapter.storage.io.ProtoFormat;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.storage.CheckpointStore;
import org.snas4j.proto.CheckpointFileProto;
import org.snas4j.proto.CheckpointManifestProto;

/**
 * Checkpoints as directories {@code epoch-NNNN/} holding {@code variables/} (the network's files),
 * the run's state in the file its {@link StateCodec} names (e.g. {@code state.pb}), and
 * {@code manifest.textproto} (size and SHA-256 of every other file). Each is written in a hidden
 * temporary directory, fsynced file by file, and renamed into place, so a crash or a full disk leaves
 * either a complete checkpoint or none; reading verifies every checksum and falls back to an older
 * checkpoint when the newest is damaged. Searches and retraining runs both keep their checkpoints here.
 *
 * @param <S> the state stored beside the variables
 */
public final class FileCheckpointStore<S> implements CheckpointStore<S> {

    /** Checkpoints kept by default: the newest and two to fall back on. */
    public static final int DEFAULT_KEEP = 3;

    static final String MANIFEST = "manifest.textproto";
    static final String VARIABLES = "variables";
    static final String TEMPORARY_PREFIX = ".tmp-";

    /** What to do with a checkpoint directory that has no manifest. */
    public enum WithoutManifest {
        /** Skip it as corrupt: every checkpoint this store writes has one. */
        SKIP,
        /** Use it unverified, with a warning: retraining runs wrote checkpoints without manifests before they shared this store. */
        READ_UNVERIFIED
    }

    private static final Logger LOG = LoggerFactory.getLogger(FileCheckpointStore.class);
    private static final Pattern CHECKPOINT_NAME = Pattern.compile("epoch-(\\d{4,9})");

    private final Path directory;
    private final StateCodec<S> codec;
    private final int keep;
    private final WithoutManifest withoutManifest;
    private final Clock clock;

    /** Keeps the newest {@value #DEFAULT_KEEP} checkpoints and skips any without a manifest. */
    public FileCheckpointStore(Path directory, StateCodec<S> codec) {
        this(directory, codec, DEFAULT_KEEP, WithoutManifest.SKIP);
    }

    /**
     * @param directory       where the checkpoint directories live (created on the first save)
     * @param codec           the state's file
     * @param keep            how many of the newest checkpoints to keep (at least 1)
     * @param withoutManifest whether a checkpoint without a manifest is skipped or read unverified
     */
    public FileCheckpointStore(Path directory, StateCodec<S> codec, int keep, WithoutManifest withoutManifest) {
        this(directory, codec, keep, withoutManifest, Clock.systemUTC());
    }

    FileCheckpointStore(Path directory, StateCodec<S> codec, int keep, WithoutManifest withoutManifest, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.codec = Objects.requireNonNull(codec, "codec");
        if (keep < 1) {
            throw new IllegalArgumentException("must keep at least 1 checkpoint, got " + keep);
        }
        this.keep = keep;
        this.withoutManifest = Objects.requireNonNull(withoutManifest, "withoutManifest");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Path directory() {
        return directory;
    }

    /** The directory a checkpoint of {@code epoch} completed epochs lives in. */
    public Path checkpointDirectory(int epoch) {
        return directory.resolve(String.format("epoch-%04d", epoch));
    }

    /**
     * @throws UncheckedIOException naming the checkpoint directory and the cause (e.g. "No space left
     *                              on device"); earlier checkpoints stay valid
     */
    @Override
    public void save(S state, VariablesWriter variables) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(variables, "variables");
        int epoch = codec.completedEpochs(state);
        Path target = checkpointDirectory(epoch);
        Path temporary = null;
        try {
            Files.createDirectories(directory);
            temporary = Files.createDirectory(directory.resolve(TEMPORARY_PREFIX + epoch + "-" + randomSuffix()));
            variables.writeInto(Files.createDirectory(temporary.resolve(VARIABLES)));
            Files.write(temporary.resolve(codec.fileName()), codec.encode(state));
            CheckpointManifestProto manifest = CheckpointManifestProto.newBuilder()
                    .setEpoch(epoch)
                    .setCreatedAt(timestamp(clock.instant()))
                    .addAllFiles(describeFiles(temporary))
                    .build();
            Files.write(temporary.resolve(MANIFEST), ProtoFormat.TEXT.print(manifest));
            AtomicFiles.syncTree(temporary);
            moveIntoPlace(temporary, target);
            temporary = null;
            AtomicFiles.syncDirectory(directory);
        } catch (IOException | RuntimeException e) {
            throw new UncheckedIOException("cannot write checkpoint " + target + ": " + describe(e),
                    e instanceof IOException io ? io : new IOException(describe(e), e));
        } finally {
            if (temporary != null) {
                deleteQuietly(temporary);
            }
        }
        prune();
    }

    @Override
    public Optional<Checkpoint<S>> latestValid() {
        if (!Files.isDirectory(directory)) {
            return Optional.empty();
        }
        Map<Integer, Path> checkpoints = new HashMap<>();
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                Matcher matcher = CHECKPOINT_NAME.matcher(name);
                if (name.startsWith(TEMPORARY_PREFIX)) {
                    LOG.info("Removing {}, left over by an interrupted checkpoint write", entry);
                    deleteQuietly(entry);
                } else if (matcher.matches() && Files.isDirectory(entry)) {
                    checkpoints.put(Integer.parseInt(matcher.group(1)), entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoints in " + directory + ": " + describe(e), e);
        }
        List<Integer> newestFirst = checkpoints.keySet().stream().sorted(Comparator.reverseOrder()).toList();
        for (int epoch : newestFirst) {
            Path checkpoint = checkpoints.get(epoch);
            try {
                return Optional.of(new Checkpoint<>(verify(checkpoint, epoch), checkpoint.resolve(VARIABLES)));
            } catch (CorruptCheckpointException e) {
                LOG.warn("Skipping corrupt checkpoint {}: {}", checkpoint, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The state of a checkpoint whose every file matches its manifest. */
    private S verify(Path checkpoint, int epoch) throws CorruptCheckpointException {
        if (withoutManifest == WithoutManifest.READ_UNVERIFIED && !Files.exists(checkpoint.resolve(MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
            LOG.warn("Checkpoint {} has no manifest (written before checkpoints had checksums); using it unverified", checkpoint);
            return readState(checkpoint, epoch);
        }
        try {
            CheckpointManifestProto manifest = ProtoFiles.read(checkpoint.resolve(MANIFEST), CheckpointManifestProto.getDefaultInstance());
            if (manifest.getEpoch() != epoch) {
                throw new CorruptCheckpointException("manifest is for epoch " + manifest.getEpoch());
            }
            Map<String, CheckpointFileProto> listed = new HashMap<>();
            for (CheckpointFileProto file : manifest.getFilesList()) {
                if (listed.put(file.getPath(), file) != null) {
                    throw new CorruptCheckpointException("manifest lists " + file.getPath() + " twice");
                }
            }
            if (!listed.containsKey(codec.fileName())) {
                throw new CorruptCheckpointException("manifest does not list " + codec.fileName());
            }
            for (String present : regularFiles(checkpoint)) {
                if (!present.equals(MANIFEST) && !listed.containsKey(present)) {
                    throw new CorruptCheckpointException(present + " is not in the manifest");
                }
            }
            for (CheckpointFileProto file : listed.values()) {
                verifyFile(checkpoint, file);
            }
        } catch (InvalidInputException e) {
            throw new CorruptCheckpointException(e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            throw new CorruptCheckpointException(describe(e));
        }
        return readState(checkpoint, epoch);
    }

    /** The checkpoint's state, if its file decodes to the checkpoint's epoch and the variables are there. */
    private S readState(Path checkpoint, int epoch) throws CorruptCheckpointException {
        String file = codec.fileName();
        if (!Files.isDirectory(checkpoint.resolve(VARIABLES))) {
            throw new CorruptCheckpointException(VARIABLES + "/ is missing");
        }
        if (!Files.isRegularFile(checkpoint.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
            throw new CorruptCheckpointException(file + " is missing");
        }
        S state;
        try {
            state = codec.decode(ProtoFiles.readBytes(checkpoint.resolve(file)));
        } catch (InvalidInputException e) {
            throw new CorruptCheckpointException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CorruptCheckpointException(file + ": " + e.getMessage());
        }
        if (codec.completedEpochs(state) != epoch) {
            throw new CorruptCheckpointException(file + " is for epoch " + codec.completedEpochs(state));
        }
        return state;
    }

    private static void verifyFile(Path checkpoint, CheckpointFileProto file) throws IOException, CorruptCheckpointException {
        Path resolved = checkpoint.resolve(file.getPath()).normalize();
        if (file.getPath().isEmpty() || !resolved.startsWith(checkpoint) || resolved.equals(checkpoint)) {
            throw new CorruptCheckpointException("manifest lists a path outside the checkpoint: '" + file.getPath() + "'");
        }
        if (!Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS)) {
            throw new CorruptCheckpointException(file.getPath() + " is missing");
        }
        FileDigest actual = FileDigest.of(resolved);
        if (actual.size() != file.getSize()) {
            throw new CorruptCheckpointException(file.getPath() + " has " + actual.size() + " bytes, the manifest says " + file.getSize());
        }
        if (!actual.sha256().equals(file.getSha256())) {
            throw new CorruptCheckpointException(file.getPath() + " fails its SHA-256 check");
        }
    }

    /** Size and SHA-256 of every file under {@code root}. */
    private static List<CheckpointFileProto> describeFiles(Path root) throws IOException {
        List<CheckpointFileProto> files = new ArrayList<>();
        for (String relative : regularFiles(root)) {
            Path file = root.resolve(relative);
            FileDigest digest = FileDigest.of(file);
            files.add(CheckpointFileProto.newBuilder().setPath(relative).setSize(digest.size()).setSha256(digest.sha256()).build());
        }
        return files;
    }

    /** Paths (with '/') of the regular files under {@code root}, sorted; anything else is refused. */
    private static List<String> regularFiles(Path root) throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String relative = root.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
                if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(relative + " is not a regular file");
                }
                files.add(relative);
            }
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }

    /** Renames the finished checkpoint into place; an older one of the same epoch is moved aside first. */
    private void moveIntoPlace(Path temporary, Path target) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Path replaced = directory.resolve(TEMPORARY_PREFIX + "replaced-" + target.getFileName() + "-" + randomSuffix());
            AtomicFiles.moveAtomically(target, replaced);
            AtomicFiles.moveAtomically(temporary, target);
            deleteQuietly(replaced);
        } else {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** Deletes all but the newest {@code keep} checkpoints; failing to delete only costs disk space. */
    private void prune() {
        try (Stream<Path> entries = Files.list(directory)) {
            List<Path> newestFirst = entries
                    .filter(p -> CHECKPOINT_NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.<Path>comparingInt(FileCheckpointStore::epochOf).reversed())
                    .toList();
            for (Path old : newestFirst.subList(Math.min(keep, newestFirst.size()), newestFirst.size())) {
                // Renamed first so that a crash mid-delete leaves a temporary directory, not a damaged checkpoint.
                Path doomed = directory.resolve(TEMPORARY_PREFIX + "pruned-" + old.getFileName() + "-" + randomSuffix());
                AtomicFiles.moveAtomically(old, doomed);
                deleteQuietly(doomed);
            }
            AtomicFiles.syncDirectory(directory);
        } catch (IOException e) {
            LOG.warn("Cannot prune old checkpoints in {}: {}", directory, describe(e));
        }
    }

    private static int epochOf(Path checkpoint) {
        Matcher matcher = CHECKPOINT_NAME.matcher(checkpoint.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a checkpoint directory: " + checkpoint);
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static void deleteQuietly(Path root) {
        try {
            FileTrees.deleteRecursively(root);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", root, describe(e));
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static String randomSuffix() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    private static String describe(Exception e) {
        Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    /** Why a checkpoint cannot be trusted, in one line. */
    private static final class CorruptCheckpointException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptCheckpointException(String problem) {
            super(problem);
        }
    }

    /** The size and SHA-256 of a file, read once. */
    private record FileDigest(long size, String sha256) {
        static FileDigest of(Path file) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform provides SHA-256", e);
            }
            long size = 0;
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(file)) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    digest.update(buffer, 0, read);
                    size += read;
                }
            }
            return new FileDigest(size, HexFormat.of().formatHex(digest.digest()));
        }
    }
}
