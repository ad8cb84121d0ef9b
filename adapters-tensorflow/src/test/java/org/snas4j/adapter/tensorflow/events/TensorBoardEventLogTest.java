package org.snas4j.adapter.tensorflow.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.PortFixtures;
import org.snas4j.application.port.out.events.StepFigures;
import org.snas4j.application.port.out.events.TrainingEventLog;
import org.snas4j.application.port.out.events.TrainingEventLogContract;
import org.snas4j.application.port.out.events.TrainingEventSink;
import org.snas4j.application.search.EpochMetrics;
import org.snas4j.domain.distribution.ArchitectureDistribution;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.HistogramProto;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

class TensorBoardEventLogTest extends TrainingEventLogContract {

    /** Every process in these tests starts within the same second: the names must still sort in order. */
    private final TensorBoardEventLog log = new TensorBoardEventLog(Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC));

    @Override
    protected TrainingEventLog log() {
        return log;
    }

    @Test
    void theKnownCrc32cCheckValueAndTensorFlowsMask() {
        byte[] check = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        // CRC32C("123456789") = 0xe3069283 (RFC 3720's check value); masked: rotate right 15, add 0xa282ead8.
        int crc = 0xe3069283;
        assertEquals(((crc >>> 15) | (crc << 17)) + 0xa282ead8, TfRecords.maskedCrc32c(check, 0, check.length));
    }

    @Test
    void everyRecordChecksOutAndHoldsTheRunsFigures() throws Exception {
        Path run = newRun();
        EpochMetrics epoch = PortFixtures.metrics(0);
        try (TrainingEventSink sink = log.open(run, 0)) {
            sink.step(new StepFigures(1, 2.25, 0.125, 0.025, 1.0));
            sink.step(new StepFigures(2, 2.0, 0.25, 0.025, 1.0));
            sink.searchEpoch(2, epoch);
        }
        List<Path> files = EventFiles.list(run.resolve("events"));
        assertEquals(1, files.size());
        assertTrue(files.get(0).getFileName().toString().matches("events\\.out\\.tfevents\\.1795953600\\..+\\.\\d+\\.1"), files.toString());

        List<Event> events = readRecordByRecord(files.get(0));

        assertEquals(5, events.size());
        assertEquals("brain.Event:2", events.get(0).getFileVersion());
        assertEquals(SessionLog.SessionStatus.START, events.get(1).getSessionLog().getStatus());
        assertEquals(1, events.get(1).getStep());
        assertEquals(List.of("train/loss 2.25", "train/accuracy 0.125", "train/learning_rate 0.025", "train/temperature 1.0"),
                scalars(events.get(2)));
        assertEquals(2, events.get(3).getStep());
        Event epochEvent = events.get(4);
        assertEquals(2, epochEvent.getStep());
        List<String> scalars = scalars(epochEvent);
        for (String expected : List.of("held_out/child_edge_all_accuracy " + (float) epoch.childAccuracy(),
                "held_out/child_top2_accuracy " + (float) epoch.top2ChildAccuracy(),
                "held_out/supernet_accuracy " + (float) epoch.supernetAccuracy(),
                "cost/expected_parameters " + (float) epoch.expectedParameters(), "cost/expected_flops " + (float) epoch.expectedFlops(),
                "cost/expected_mac " + (float) epoch.expectedMac(), "cost/penalty " + (float) epoch.penalty(),
                "alpha/entropy " + (float) epoch.entropy(), "alpha/parameter_free_edges " + (float) epoch.parameterFreeEdges())) {
            assertTrue(scalars.contains(expected), expected + " in " + scalars);
        }
        // Alpha: one histogram per edge (28) with the edge's softmax probabilities, and a heat map per cell.
        EdgeOpMatrix p = ArchitectureDistribution.of(epoch.alphaLogits().orElseThrow()).probabilities().reduction();
        List<Summary.Value> histograms = epochEvent.getSummary().getValueList().stream().filter(Summary.Value::hasHisto).toList();
        assertEquals(28, histograms.size());
        Summary.Value edge10 = histograms.stream().filter(v -> v.getTag().equals("alpha_reduction/10 c_{k-1} -> 3")).findFirst()
                .orElseThrow(() -> new AssertionError(histograms.stream().map(Summary.Value::getTag).toList()));
        HistogramProto histogram = edge10.getHisto();
        assertEquals(List.of(0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5), histogram.getBucketLimitList());
        assertEquals(Arrays.stream(p.row(10)).boxed().toList(), histogram.getBucketList());
        assertEquals(1.0, histogram.getNum(), 1e-12);
        List<Summary.Value> images = epochEvent.getSummary().getValueList().stream().filter(Summary.Value::hasImage).toList();
        assertEquals(List.of("alpha/normal", "alpha/reduction"), images.stream().map(Summary.Value::getTag).toList());
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(images.get(0).getImage().getEncodedImageString().toByteArray()));
        assertEquals(images.get(0).getImage().getWidth(), picture.getWidth());
        assertEquals(images.get(0).getImage().getHeight(), picture.getHeight());
    }

    @Test
    void aRetrainingEpochIsNamedAfterItsHeldOutSet() throws Exception {
        Path run = newRun();
        try (TrainingEventSink sink = log.open(run, 0)) {
            sink.retrainEpoch(3, new org.snas4j.application.child.RetrainEpochMetrics(0, 0.025, 0.1, 1.5, 0.5, "validation", 1.25,
                    0.625, Double.NaN, 12));
        }
        List<Event> events = readRecordByRecord(EventFiles.list(run.resolve("events")).get(0));

        assertEquals(List.of("epoch/train_loss 1.5", "epoch/train_accuracy 0.5", "epoch/seconds 12.0", "epoch/drop_path 0.1",
                "validation/accuracy 0.625", "validation/loss 1.25"), scalars(events.get(2)));
    }

    @Test
    void anIncompleteLastRecordOfAKilledWriterIsNotAnErrorAndAResumeCutsIt() throws Exception {
        Path run = newRun();
        try (TrainingEventSink sink = log.open(run, 0)) {
            LongStream.rangeClosed(1, 4).forEach(s -> sink.step(searchStep(s, 0)));
        }
        Path file = EventFiles.list(run.resolve("events")).get(0);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 7));

        assertEquals(LongStream.rangeClosed(1, 3).mapToObj(s -> searchStep(s, 0)).toList(), log.steps(run));

        log.open(run, 3).close();
        assertEquals(5, readRecordByRecord(file).size(), "version, start, steps 1..3: the torn record is gone");
        assertEquals(2, EventFiles.list(run.resolve("events")).size());
    }

    @Test
    void aDamagedRecordIsNamedWhenReadAndCutWhenResumed() throws Exception {
        Path run = newRun();
        try (TrainingEventSink sink = log.open(run, 0)) {
            LongStream.rangeClosed(1, 4).forEach(s -> sink.step(searchStep(s, 0)));
        }
        Path file = EventFiles.list(run.resolve("events")).get(0);
        byte[] bytes = Files.readAllBytes(file);
        int thirdStep = recordOffsets(bytes).get(4);
        bytes[thirdStep + 14] ^= 0x01;
        Files.write(file, bytes);

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> log.steps(run));
        assertEquals(file.toString(), e.source());
        assertEquals("the record at byte " + thirdStep + " fails its CRC32C check", e.problem());

        try (TrainingEventSink sink = log.open(run, 4)) {
            sink.step(searchStep(5, 0));
        }
        assertEquals(LongStream.rangeClosed(1, 5).filter(s -> s != 3 && s != 4).mapToObj(s -> searchStep(s, 0)).toList(),
                log.steps(run), "what precedes the damage is kept");
    }

    @Test
    void aFileOfOtherRecordsIsRefusedNamingIt() throws Exception {
        Path run = newRun();
        Path file = Files.createDirectories(run.resolve("events")).resolve("events.out.tfevents.0000000001.host.1.1");
        Files.write(file, TfRecords.frame(new byte[] {(byte) 0xff, 0x01, 0x02}));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> log.steps(run));

        assertEquals(file.toString(), e.source());
        assertTrue(e.problem().startsWith("record 1 is not a TensorBoard event"), e.problem());
    }

    /**
     * The file read the way TensorBoard reads it, spelled out: per record a little-endian length, its
     * masked CRC32C, the data and its masked CRC32C, each checked; then the data parsed as an Event.
     */
    static List<Event> readRecordByRecord(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Event> events = new ArrayList<>();
        int position = 0;
        while (position < bytes.length) {
            long length = buffer.getLong(position);
            assertEquals(TfRecords.maskedCrc32c(bytes, position, 8), buffer.getInt(position + 8), "length CRC at " + position);
            byte[] data = Arrays.copyOfRange(bytes, position + 12, position + 12 + (int) length);
            assertEquals(TfRecords.maskedCrc32c(data, 0, data.length), buffer.getInt(position + 12 + (int) length),
                    "data CRC at " + position);
            events.add(Event.parseFrom(data));
            position += 12 + (int) length + 4;
        }
        assertEquals(bytes.length, position, "no bytes after the last record");
        return events;
    }

    private static List<Integer> recordOffsets(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> offsets = new ArrayList<>();
        for (int position = 0; position < bytes.length; position += 16 + (int) buffer.getLong(position)) {
            offsets.add(position);
        }
        return offsets;
    }

    private static List<String> scalars(Event event) {
        return event.getSummary().getValueList().stream().filter(Summary.Value::hasSimpleValue)
                .map(v -> v.getTag() + " " + v.getSimpleValue()).toList();
    }
}
