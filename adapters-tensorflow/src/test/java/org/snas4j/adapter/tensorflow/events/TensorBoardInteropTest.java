package org.snas4j.adapter.tensorflow.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.PortFixtures;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.application.port.out.events.TrainingEventSink;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.op.io.FifoQueue;
import org.tensorflow.op.io.ReaderRead;
import org.tensorflow.op.io.TfRecordReader;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.proto.Event;
import org.tensorflow.types.TString;

/**
 * Our event files against TensorFlow's own code: TensorFlow's TFRecord reader (which verifies
 * every masked CRC32C) reads what we write, and our reader reads what TensorFlow's summary writer
 * writes. So the framing and checksums are TensorFlow's, not a look-alike.
 */
class TensorBoardInteropTest {

    @TempDir
    Path run;

    @Test
    void tensorFlowsRecordReaderReadsOurFileRecordByRecord() throws Exception {
        try (TrainingEventSink sink = new TensorBoardEventLog().open(run, 0)) {
            sink.step(new StepFigures(1, 2.25, 0.125, 0.025, 1.0));
            sink.searchEpoch(1, PortFixtures.metrics(0));
        }
        Path file = EventFiles.list(run.resolve("events")).get(0);

        List<byte[]> records = readWithTensorFlow(file);

        assertEquals(4, records.size(), "file version, session start, one step, one epoch");
        assertEquals(TensorBoardEventSink.FILE_VERSION, Event.parseFrom(records.get(0)).getFileVersion());
        Event step = Event.parseFrom(records.get(2));
        assertEquals(1, step.getStep());
        assertEquals(2.25f, step.getSummary().getValue(0).getSimpleValue());
    }

    @Test
    void tensorFlowsRecordReaderRefusesAFlippedByteOfOurs() throws Exception {
        try (TrainingEventSink sink = new TensorBoardEventLog().open(run, 0)) {
            sink.step(new StepFigures(1, 2.25, 0.125, 0.025, 1.0));
        }
        Path file = EventFiles.list(run.resolve("events")).get(0);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long last = raf.length() - 6;
            raf.seek(last);
            int b = raf.read();
            raf.seek(last);
            raf.write(b ^ 0x40);
        }

        TensorFlowException theirs = assertThrows(TensorFlowException.class, () -> readWithTensorFlow(file));
        assertTrue(theirs.getMessage().contains("corrupted record"), theirs.getMessage());
        InvalidInputException ours = assertThrows(InvalidInputException.class, () -> new TensorBoardEventLog().steps(run));
        assertEquals(file.toString(), ours.source());
        assertTrue(ours.problem().endsWith("fails its CRC32C check"), ours.problem());
    }

    @Test
    void ourReaderReadsWhatTensorFlowsSummaryWriterWrote() {
        Path events = run.resolve("events");
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            SummaryWriter writer = tf.summary.summaryWriter(SummaryWriter.sharedName("interop"));
            var create = tf.summary.createSummaryFileWriter(writer, tf.constant(events.toString()), tf.constant(10), tf.constant(100),
                    tf.constant(".tf"));
            var loss = tf.summary.writeScalarSummary(writer, tf.constant(7L), tf.constant(TensorBoardEventSink.LOSS), tf.constant(0.75f));
            var close = tf.summary.closeSummaryWriter(writer);
            for (var op : List.of(create, loss, close)) {
                try (Result ignored = session.runner().addTarget(op).run()) {
                    // Each op writes as it runs.
                }
            }
        }

        List<Path> files = EventFiles.list(events);
        assertEquals(1, files.size(), "TensorFlow names its file as we expect: " + files);
        List<Event> read = EventFiles.read(files.get(0));
        assertEquals(TensorBoardEventSink.FILE_VERSION, read.get(0).getFileVersion());
        List<StepFigures> steps = new TensorBoardEventLog().steps(run);
        assertEquals(1, steps.size());
        assertEquals(7, steps.get(0).step());
        assertEquals(0.75, steps.get(0).loss());
    }

    /**
     * Every record of {@code file} through TensorFlow's TFRecordReader op, whose io::RecordReader checks
     * both CRCs of each record. (TFRecordDatasetV2 of TensorFlow 2.18 cannot be iterated from a graph:
     * its graph rewrite drops the byte_offsets input.)
     */
    private static List<byte[]> readWithTensorFlow(Path file) {
        List<byte[]> records = new ArrayList<>();
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            FifoQueue files = tf.io.fifoQueue(List.of(TString.class));
            var enqueue = tf.io.queueEnqueue(files, List.of(tf.constant(file.toString())));
            var closeQueue = tf.io.queueClose(files);
            TfRecordReader reader = tf.io.tfRecordReader();
            ReaderRead read = tf.io.readerRead(reader, files);
            for (var op : List.of(enqueue, closeQueue)) {
                try (Result ignored = session.runner().addTarget(op).run()) {
                    // The queue holds the one file name and is closed, so the reader ends after the file.
                }
            }
            while (true) {
                try (Result result = session.runner().fetch(read.value()).run()) {
                    records.add(((TString) result.get(0)).asBytes().getObject());
                } catch (TFOutOfRangeException end) {
                    return records;
                }
            }
        }
    }
}
