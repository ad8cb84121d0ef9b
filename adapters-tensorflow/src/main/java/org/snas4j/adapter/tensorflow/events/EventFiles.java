package org.snas4j.adapter.tensorflow.events;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.snas4j.application.InvalidInputException;
import org.tensorflow.proto.Event;

/**
 * The event files of a run: {@code RUN/events/events.out.tfevents.<seconds>.<host>.<pid>.<n>}, one
 * per process that wrote to the run, named as TensorFlow's writers name them. TensorBoard reads a
 * directory's files in name order; the seconds, ten digits, make that the order they were written in.
 */
final class EventFiles {

    static final String DIRECTORY = "events";
    static final String PREFIX = "events.out.tfevents.";

    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{10})\\..*");

    private EventFiles() {
    }

    /** The event files in {@code eventsDirectory}, in the order TensorBoard reads them; empty when there is none. */
    static List<Path> list(Path eventsDirectory) {
        if (!Files.isDirectory(eventsDirectory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(eventsDirectory)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + eventsDirectory, e);
        }
    }

    /**
     * A name for a new file that sorts after every existing one: its seconds are now's, or one more
     * than the newest file's when that is not earlier (two processes started within a second).
     */
    static Path newFile(Path eventsDirectory, Instant now, long pid) {
        long seconds = now.getEpochSecond();
        for (Path existing : list(eventsDirectory)) {
            Matcher m = NAME.matcher(existing.getFileName().toString());
            if (m.matches()) {
                seconds = Math.max(seconds, Long.parseLong(m.group(1)) + 1);
            }
        }
        return eventsDirectory.resolve(String.format(Locale.ROOT, "%s%010d.%s.%d.1", PREFIX, seconds, hostName(), pid));
    }

    /**
     * The events of one file. An incomplete last record (the writer stopped mid-record) ends the file
     * quietly, as it does for TensorBoard.
     *
     * @throws InvalidInputException naming the file when a record fails its checksum or is not an event
     */
    static List<Event> read(Path file) {
        TfRecords.Contents contents = TfRecords.read(readBytes(file));
        if (contents.damaged()) {
            throw new InvalidInputException(file, contents.damage());
        }
        return parse(file, contents.records());
    }

    static List<Event> parse(Path file, List<byte[]> records) {
        List<Event> events = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            try {
                events.add(Event.parseFrom(records.get(i)));
            } catch (InvalidProtocolBufferException e) {
                throw new InvalidInputException(file, "record " + (i + 1) + " is not a TensorBoard event: " + e.getMessage(), e);
            }
        }
        return events;
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String hostName() {
        try {
            String host = InetAddress.getLocalHost().getHostName();
            return host.isBlank() ? "localhost" : host.replace('/', '_');
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
