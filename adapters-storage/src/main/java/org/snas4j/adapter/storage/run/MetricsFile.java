package org.snas4j.adapter.storage.run;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.adapter.storage.io.ProtoFiles;
import org.snas4j.adapter.storage.io.Problems;
import org.snas4j.adapter.storage.io.ProtoFormat;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.search.EpochMetrics;
import org.snas4j.proto.EpochMetricsProto;

/**
 * A run's {@code metrics.jsonl}: one JSON object per epoch, in epoch order. Recording an epoch again
 * replaces its line; every change rewrites the file atomically, so it is never half-written.
 */
public final class MetricsFile {

    private static final JsonFormat.Printer LINE_PRINTER = JsonFormat.printer().includingDefaultValueFields().omittingInsignificantWhitespace();

    private final Path file;
    private final TreeMap<Integer, EpochMetrics> byEpoch;

    private MetricsFile(Path file, TreeMap<Integer, EpochMetrics> byEpoch) {
        this.file = file;
        this.byEpoch = byEpoch;
    }

    /**
     * Reads the file if it exists.
     *
     * @throws InvalidInputException naming the file and the line at fault
     */
    public static MetricsFile open(Path file) {
        TreeMap<Integer, EpochMetrics> byEpoch = new TreeMap<>();
        if (Files.exists(file)) {
            List<String> lines = new String(ProtoFiles.readBytes(file), StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                try {
                    EpochMetrics metrics = EpochMetricsProtoMapper.fromProto(
                            ProtoFormat.JSON.parse(lines.get(i).getBytes(StandardCharsets.UTF_8), EpochMetricsProto.getDefaultInstance()));
                    byEpoch.put(metrics.epoch(), metrics);
                } catch (ProtoFormat.MalformedMessageException | IllegalArgumentException e) {
                    throw new InvalidInputException(file, "line " + (i + 1) + ": " + Problems.oneLine(e.getMessage()), e);
                }
            }
        }
        return new MetricsFile(file, byEpoch);
    }

    synchronized void record(EpochMetrics metrics) {
        TreeMap<Integer, EpochMetrics> updated = new TreeMap<>(byEpoch);
        updated.put(metrics.epoch(), metrics);
        StringBuilder content = new StringBuilder();
        for (EpochMetrics m : updated.values()) {
            content.append(line(m)).append('\n');
        }
        AtomicFiles.write(file, content.toString().getBytes(StandardCharsets.UTF_8));
        // Memory follows the disk only once the disk has it.
        byEpoch.put(metrics.epoch(), metrics);
    }

    public synchronized List<EpochMetrics> all() {
        return List.copyOf(byEpoch.values());
    }

    private static String line(EpochMetrics metrics) {
        try {
            return LINE_PRINTER.print(EpochMetricsProtoMapper.toProto(metrics));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("EpochMetricsProto has no Any fields and always prints", e);
        }
    }
}
