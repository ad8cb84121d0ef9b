package org.snas4j.adapter.tensorflow.events;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.application.port.out.events.TrainingEventLog;
import org.snas4j.application.port.out.events.TrainingEventSink;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

/**
 * A run's TensorBoard event files in {@code RUN/events/}, written with TensorFlow's own Event and
 * Summary protos in TFRecord framing: {@code tensorboard --logdir RUN} (or a directory of runs)
 * plots them.
 *
 * <p>Each process that writes to a run starts a new file (see {@link TensorBoardEventSink}). A
 * resumed run first cuts from the earlier files every record after the step of the checkpoint it
 * continues from, and any incomplete or damaged tail a killed process left, each file rewritten
 * atomically: the steps it does again are then recorded once on disk, for TensorBoard and for any
 * other reader. The {@code SessionLog.START} each file begins with says the same in TensorBoard's
 * own terms.
 */
public final class TensorBoardEventLog implements TrainingEventLog {

    private static final Logger LOG = LoggerFactory.getLogger(TensorBoardEventLog.class);

    private final Clock clock;

    public TensorBoardEventLog() {
        this(Clock.systemUTC());
    }

    TensorBoardEventLog(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Where a run keeps its event files. */
    public static Path eventsDirectory(Path runDirectory) {
        return runDirectory.resolve(EventFiles.DIRECTORY);
    }

    @Override
    public TrainingEventSink open(Path runDirectory, long resumedAfterStep) {
        if (resumedAfterStep < 0) {
            throw new IllegalArgumentException("resumedAfterStep is negative: " + resumedAfterStep);
        }
        Path events = eventsDirectory(runDirectory);
        try {
            Files.createDirectories(events);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + events + ": " + e.getMessage(), e);
        }
        for (Path file : EventFiles.list(events)) {
            keepStepsUpTo(file, resumedAfterStep);
        }
        return TensorBoardEventSink.create(EventFiles.newFile(events, clock.instant(), ProcessHandle.current().pid()), resumedAfterStep);
    }

    @Override
    public List<StepFigures> steps(Path runDirectory) {
        TreeMap<Long, StepFigures> byStep = new TreeMap<>();
        for (Path file : EventFiles.list(eventsDirectory(runDirectory))) {
            for (Event event : EventFiles.read(file)) {
                if (event.hasSessionLog() && event.getSessionLog().getStatus() == SessionLog.SessionStatus.START) {
                    // TensorBoard's rule: a restart discards what was recorded from its step on.
                    byStep.tailMap(event.getStep(), true).clear();
                } else if (event.hasSummary()) {
                    stepFigures(event).ifPresent(f -> byStep.put(f.step(), f));
                }
            }
        }
        return List.copyOf(byStep.values());
    }

    private static Optional<StepFigures> stepFigures(Event event) {
        Map<String, Double> values = new TreeMap<>();
        for (Summary.Value value : event.getSummary().getValueList()) {
            if (value.hasSimpleValue()) {
                values.put(value.getTag(), (double) value.getSimpleValue());
            }
        }
        if (!values.containsKey(TensorBoardEventSink.LOSS)) {
            return Optional.empty();
        }
        return Optional.of(new StepFigures(event.getStep(), values.get(TensorBoardEventSink.LOSS),
                values.getOrDefault(TensorBoardEventSink.ACCURACY, Double.NaN),
                values.getOrDefault(TensorBoardEventSink.LEARNING_RATE, Double.NaN),
                values.getOrDefault(TensorBoardEventSink.TEMPERATURE, Double.NaN)));
    }

    /** Rewrites {@code file} without its records after {@code step} and without a broken tail; deletes it when nothing is left. */
    private static void keepStepsUpTo(Path file, long step) {
        byte[] content = EventFiles.readBytes(file);
        TfRecords.Contents contents = TfRecords.read(content);
        List<byte[]> kept = new ArrayList<>();
        boolean damaged = contents.damaged();
        for (byte[] record : contents.records()) {
            Event event;
            try {
                event = Event.parseFrom(record);
            } catch (InvalidProtocolBufferException e) {
                LOG.warn("{}: record {} is not a TensorBoard event; dropping it and what follows", file, kept.size() + 1);
                damaged = true;
                break;
            }
            if (event.getStep() <= step) {
                kept.add(record);
            }
        }
        if (kept.size() == contents.records().size() && !contents.hasTail(content.length) && !damaged) {
            return;
        }
        if (contents.damaged()) {
            LOG.warn("{}: {}; dropping it and what follows", file, contents.damage());
        }
        LOG.info("{}: dropping {} record(s) after step {}, which the resumed run does again", file,
                contents.records().size() - kept.size(), step);
        if (kept.isEmpty()) {
            try {
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
            }
            return;
        }
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        kept.forEach(record -> rewritten.writeBytes(TfRecords.frame(record)));
        AtomicFiles.write(file, rewritten.toByteArray());
    }
}
