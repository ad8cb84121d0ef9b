package org.snas4j.adapter.storage.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.snas4j.adapter.io.AtomicFiles;
import org.snas4j.adapter.storage.io.Directories;
import org.snas4j.adapter.storage.io.ProtoFiles;
import org.snas4j.adapter.storage.run.FileRunDirectory;
import org.snas4j.adapter.storage.run.MetricsFile;
import org.snas4j.adapter.storage.run.RunLock;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.trial.SweepFiles;
import org.snas4j.application.port.out.trial.SweepManifest;
import org.snas4j.application.search.EpochMetrics;
import org.snas4j.proto.SweepManifestProto;

/**
 * A sweep directory on the local file system (or a shared volume mounted here): the manifest
 * {@value #MANIFEST} in protobuf text format, written atomically, and the lock file of
 * {@link RunLock} while a sweep drives it.
 */
public final class FileSweepFiles implements SweepFiles {

    public static final String MANIFEST = "sweep.textproto";

    @Override
    public boolean isAbsentOrEmpty(Path directory) {
        return Directories.isAbsentOrEmpty(directory);
    }

    @Override
    public Optional<SweepManifest> readManifest(Path sweepDirectory) {
        Path file = sweepDirectory.resolve(MANIFEST);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        SweepManifestProto proto = ProtoFiles.read(file, SweepManifestProto.getDefaultInstance());
        try {
            return Optional.of(SweepManifestProtoMapper.fromProto(proto));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage(), e);
        }
    }

    @Override
    public void writeManifest(Path sweepDirectory, SweepManifest manifest) {
        try {
            Files.createDirectories(sweepDirectory);
        } catch (IOException e) {
            throw new InvalidInputException(sweepDirectory, "cannot create the sweep directory: " + e.getMessage(), e);
        }
        ProtoFiles.write(sweepDirectory.resolve(MANIFEST), SweepManifestProtoMapper.toProto(manifest));
    }

    @Override
    public AutoCloseable lock(Path sweepDirectory) {
        return RunLock.lockExistingRun(sweepDirectory);
    }

    @Override
    public List<EpochMetrics> metrics(Path runDirectory) {
        return MetricsFile.open(runDirectory.resolve(FileRunDirectory.METRICS)).all();
    }

    @Override
    public void writeText(Path file, String content) {
        AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
    }

}
