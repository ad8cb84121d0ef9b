package org.snas4j.adapter.storage.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snas4j.application.InvalidInputException;

/**
 * The exclusive lock of a run directory: {@code run.lock}, locked with {@link FileChannel#tryLock()}
 * while the run is open and holding the holder's PID, host and process start time so that a refusal
 * can say who holds it. The operating system drops the lock when its process dies; the recorded
 * holder is then stale and is taken over. A clean close deletes {@code run.lock} (while still holding
 * it), so only a process that died leaves one behind.
 *
 * <p>Deleting a lock file has a race: a second process may have opened {@code run.lock} just before
 * the unlink and lock it just after the release, locking a file no longer in the directory while a
 * third creates and locks a new one. So a lock counts only when the file at the path is, after
 * locking, the same file (same {@code fileKey}) that was there before opening it; otherwise the
 * attempt is retried.
 *
 * <p>POSIX record locks belong to the process and are dropped when ANY descriptor of the file is
 * closed (checked on this JDK: opening and closing {@code run.lock} a second time in the holding JVM
 * silently unlocks it for other processes). So a JVM-wide registry answers "held by this process"
 * before a second descriptor is ever opened, and nothing else may open {@code run.lock}.
 *
 * <p>Search and retraining run directories are locked the same way, through {@link #lockNewRun} and
 * {@link #lockExistingRun}.
 */
public final class RunLock implements AutoCloseable {

    public static final String FILE_NAME = "run.lock";

    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    /** Attempts when the lock file is replaced between opening and locking it (a holder closing at that moment). */
    private static final int ATTEMPTS = 5;

    /** The identity of a file on a file system that reports no file keys. */
    private static final Object UNKNOWN_IDENTITY = new Object();
    private static final Set<Path> HELD_BY_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;
    private final String previousContent;
    private boolean claimed;
    private boolean closed;

    private RunLock(Path key, FileChannel channel, FileLock lock, String previousContent) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
        this.previousContent = previousContent;
    }

    /**
     * Locks {@code runDirectory}, which exists and holds nothing else yet, for a new run, and records
     * this process as the holder.
     *
     * @throws InvalidInputException naming the directory when a live process holds it, or when another
     *                               run got there between the caller's emptiness check and the lock
     */
    public static RunLock lockNewRun(Path runDirectory) {
        RunLock lock = acquire(runDirectory);
        try {
            if (lock.hadStaleHolder() || entriesBesideLock(runDirectory) > 0) {
                throw new InvalidInputException(runDirectory, "already holds a run; resume it or choose another directory");
            }
            lock.claim();
            return lock;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Locks the existing run in {@code runDirectory} and records this process as the holder; the
     * lock of a process that ended without closing the run is taken over with a warning.
     *
     * @throws InvalidInputException naming the directory when a live process holds it
     */
    public static RunLock lockExistingRun(Path runDirectory) {
        RunLock lock = acquire(runDirectory);
        try {
            if (lock.hadStaleHolder()) {
                LOG.warn("Taking over run {}: it was left locked by {}, which is no longer running", runDirectory, lock.describeStaleHolder());
            }
            lock.claim();
            return lock;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Locks {@code runDirectory} (which must exist) without writing anything yet.
     *
     * @throws InvalidInputException naming the directory when a live process holds it
     */
    static RunLock acquire(Path runDirectory) {
        Path key;
        try {
            key = runDirectory.toRealPath();
        } catch (IOException e) {
            throw new InvalidInputException(runDirectory, "cannot open: " + e.getMessage(), e);
        }
        if (!HELD_BY_THIS_PROCESS.add(key)) {
            throw new InvalidInputException(runDirectory, "locked by this process (" + Holder.current().describe() + "); close it first");
        }
        Path file = key.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            for (int attempt = 1; ; attempt++) {
                Optional<Object> before = identity(file);
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = tryLock(channel);
                if (lock != null && !(before.isPresent() && before.equals(identity(file)))) {
                    // Locked a file that was created, deleted or replaced meanwhile: look again at what the path holds now.
                    lock.release();
                    channel.close();
                    channel = null;
                    if (attempt == ATTEMPTS) {
                        throw new InvalidInputException(runDirectory, FILE_NAME + " keeps being replaced; is another process opening and closing this run?");
                    }
                    continue;
                }
                String content = read(channel);
                Optional<Holder> recorded = Holder.parse(content);
                if (lock == null) {
                    throw new InvalidInputException(runDirectory, "locked by " + recorded.map(Holder::describe).orElse("another process")
                            + "; wait for it to finish or stop it");
                }
                // The OS lock is the authority, but some network file systems grant every lock; a holder that
                // is demonstrably still running on this host keeps the run.
                if (recorded.isPresent() && recorded.get().isRunningElsewhereOnThisHost()) {
                    lock.release();
                    throw new InvalidInputException(runDirectory, "locked by " + recorded.get().describe()
                            + ", which is still running (the file system did not report its lock)");
                }
                return new RunLock(key, channel, lock, content);
            }
        } catch (IOException e) {
            closeQuietly(channel);
            HELD_BY_THIS_PROCESS.remove(key);
            throw new UncheckedIOException("cannot lock " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HELD_BY_THIS_PROCESS.remove(key);
            throw e;
        }
    }

    /**
     * Which file {@code file} is: empty when there is none; its {@code fileKey} (device and inode on
     * Linux); or, on a file system without file keys, a marker that makes every check pass as before.
     */
    private static Optional<Object> identity(Path file) {
        try {
            Object fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return Optional.of(fileKey == null ? UNKNOWN_IDENTITY : fileKey);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the attributes of " + file + ": " + e.getMessage(), e);
        }
    }

    /** True when the lock file named a holder: a process that ended without closing the run. */
    boolean hadStaleHolder() {
        return !previousContent.isBlank();
    }

    /** Who held the run before, for the take-over warning. */
    String describeStaleHolder() {
        return Holder.parse(previousContent).map(Holder::describe).orElse("an unknown process (unreadable " + FILE_NAME + ")");
    }

    /** Records this process as the holder. */
    void claim() {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Holder.current().format().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(true);
            claimed = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + key.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    /** @throws IllegalStateException once the lock is closed: a run nobody holds must not be written. */
    public void requireHeld() {
        if (closed) {
            throw new IllegalStateException("run directory " + key + " is closed");
        }
    }

    /**
     * A clean close: deletes {@code run.lock}, then releases the lock; idempotent. A record of a stale
     * holder that this process only looked at (and did not take over) stays, for the next opener to report.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Path file = key.resolve(FILE_NAME);
        try {
            if (claimed || previousContent.isBlank()) {
                // Deleted while still locked, so no other process can lock it between the two steps.
                Files.deleteIfExists(file);
            }
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release " + file + ": " + e.getMessage(), e);
        } finally {
            closeQuietly(channel);
            HELD_BY_THIS_PROCESS.remove(key);
        }
    }

    private static long entriesBesideLock(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(p -> !p.getFileName().toString().equals(FILE_NAME)).count();
        } catch (IOException e) {
            throw new InvalidInputException(directory, "cannot list: " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Unreachable through the registry; kept so that a bypass reads as "locked", not as a crash.
            return null;
        }
    }

    private static String read(FileChannel channel) throws IOException {
        long size = Math.min(channel.size(), 4096);
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // keep reading until the buffer is full or the file ends
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing also releases the lock; nothing more can be done.
            }
        }
    }

    /** The process recorded in the lock file. */
    record Holder(long pid, String host, Optional<Instant> processStart) {

        static Holder current() {
            ProcessHandle self = ProcessHandle.current();
            return new Holder(self.pid(), hostName(), self.info().startInstant());
        }

        String format() {
            return "pid=" + pid + "\nhost=" + host + "\n" + processStart.map(s -> "started=" + s + "\n").orElse("");
        }

        static Optional<Holder> parse(String content) {
            Map<String, String> fields = new HashMap<>();
            for (String line : content.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    fields.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
                }
            }
            try {
                Optional<Instant> started = Optional.ofNullable(fields.get("started")).map(Instant::parse);
                return Optional.of(new Holder(Long.parseLong(fields.getOrDefault("pid", "")), fields.getOrDefault("host", "an unknown host"), started));
            } catch (NumberFormatException | DateTimeParseException e) {
                return Optional.empty();
            }
        }

        String describe() {
            return "process " + pid + " on " + host + processStart.map(s -> " (started " + s + ")").orElse("");
        }

        boolean isRunningElsewhereOnThisHost() {
            if (!host.equals(hostName()) || pid == ProcessHandle.current().pid()) {
                return false;
            }
            // Comparing start times tells a recycled PID from the original holder.
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> sameStart(p.info().startInstant()))
                    .isPresent();
        }

        private boolean sameStart(Optional<Instant> observed) {
            if (processStart.isEmpty() || observed.isEmpty()) {
                return true;
            }
            // Start times come from /proc in clock ticks; allow for rounding between readers.
            return Duration.between(processStart.get(), observed.get()).abs().compareTo(Duration.ofSeconds(1)) <= 0;
        }

        private static String hostName() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                String fromEnvironment = System.getenv("HOSTNAME");
                return fromEnvironment == null ? "localhost" : fromEnvironment;
            }
        }
    }
}
