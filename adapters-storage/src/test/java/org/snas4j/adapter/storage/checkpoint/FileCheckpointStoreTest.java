package org.snas4j.adapter.storage.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snas4j.adapter.storage.checkpoint.FileCheckpointStore.WithoutManifest;
import org.snas4j.adapter.storage.io.ProtoFiles;
import org.snas4j.adapter.storage.io.ProtoFormat;
import org.snas4j.adapter.storage.search.SearchStateCodec;
import org.snas4j.application.port.out.storage.CheckpointStore.Checkpoint;
import org.snas4j.application.port.out.storage.CheckpointStore;
import org.snas4j.application.port.out.storage.CheckpointStoreContract;
import org.snas4j.application.port.out.storage.PortFixtures;
import org.snas4j.application.port.out.storage.SearchState;
import org.snas4j.proto.CheckpointManifestProto;

/** The store with a search's state; {@code child.RetrainCheckpointStoreTest} runs the contract with a retraining run's. */
class FileCheckpointStoreTest extends CheckpointStoreContract<SearchState> {

    @Override
    protected CheckpointStore<SearchState> open(Path directory) {
        return new FileCheckpointStore<>(directory, new SearchStateCodec());
    }

    @Override
    protected SearchState state(int completedEpochs, long seed) {
        return PortFixtures.searchState(completedEpochs, seed);
    }

    @Test
    void aCheckpointIsADirectoryWithVariablesStateAndAManifestOfEveryFile() {
        Instant created = Instant.parse("2025-03-04T05:06:07Z");
        FileCheckpointStore<SearchState> store = new FileCheckpointStore<>(directory, new SearchStateCodec(), 3, WithoutManifest.SKIP,
                Clock.fixed(created, ZoneOffset.UTC));
        store.save(PortFixtures.searchState(12, 1), PortFixtures.variables(1));

        Path checkpoint = directory.resolve("epoch-0012");
        assertEquals(checkpoint, store.checkpointDirectory(12));
        CheckpointManifestProto manifest = ProtoFiles.read(checkpoint.resolve("manifest.textproto"), CheckpointManifestProto.getDefaultInstance());
        assertEquals(12, manifest.getEpoch());
        assertEquals(created.getEpochSecond(), manifest.getCreatedAt().getSeconds());
        assertEquals(List.of("state.pb", "variables/index.txt", "variables/weights.bin"),
                manifest.getFilesList().stream().map(f -> f.getPath()).toList());
        assertEquals(4096, manifest.getFiles(2).getSize());
        assertTrue(manifest.getFiles(2).getSha256().matches("[0-9a-f]{64}"), manifest.getFiles(2).getSha256());
    }

    @Test
    void aFlippedByteInTheVariablesFallsBackToThePreviousCheckpoint() throws IOException {
        saveEpochs(1, 2);
        Path weights = directory.resolve("epoch-0002/variables/weights.bin");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[100] ^= 0x01;
        Files.write(weights, bytes);

        assertLatestIs(1);
    }

    @Test
    void aMissingManifestFallsBackToThePreviousCheckpoint() throws IOException {
        saveEpochs(1, 2);
        Files.delete(directory.resolve("epoch-0002/manifest.textproto"));

        assertLatestIs(1);
    }

    @Test
    void aTruncatedStateOrManifestFallsBackToThePreviousCheckpoint() throws IOException {
        saveEpochs(1, 2, 3);
        truncate(directory.resolve("epoch-0003/state.pb"), 50);
        truncate(directory.resolve("epoch-0002/manifest.textproto"), 200);

        assertLatestIs(1);
    }

    @Test
    void aMissingOrExtraVariablesFileFallsBackToThePreviousCheckpoint() throws IOException {
        saveEpochs(1, 2, 3);
        Files.delete(directory.resolve("epoch-0003/variables/index.txt"));
        Files.writeString(directory.resolve("epoch-0002/variables/stray.bin"), "not written by the trainer");

        assertLatestIs(1);
    }

    @Test
    void aCheckpointCopiedUnderAnotherEpochIsRefused() throws IOException {
        saveEpochs(1);
        copyTree(directory.resolve("epoch-0001"), directory.resolve("epoch-0009"));

        assertLatestIs(1);
    }

    @Test
    void aManifestPointingOutsideItsCheckpointIsRefused() throws IOException {
        saveEpochs(1, 2);
        // An entry whose size and checksum are right, but for a file of another checkpoint.
        CheckpointManifestProto older = ProtoFiles.read(directory.resolve("epoch-0001/manifest.textproto"), CheckpointManifestProto.getDefaultInstance());
        Path manifest = directory.resolve("epoch-0002/manifest.textproto");
        CheckpointManifestProto newer = ProtoFiles.read(manifest, CheckpointManifestProto.getDefaultInstance());
        Files.write(manifest, ProtoFormat.TEXT.print(newer.toBuilder()
                .addFiles(older.getFiles(1).toBuilder().setPath("../epoch-0001/" + older.getFiles(1).getPath()))
                .build()));

        assertLatestIs(1);
    }

    @Test
    void whenEveryCheckpointIsCorruptThereIsNone() throws IOException {
        saveEpochs(1, 2);
        Files.delete(directory.resolve("epoch-0001/state.pb"));
        Files.delete(directory.resolve("epoch-0002/state.pb"));

        assertEquals(Optional.empty(), store(FileCheckpointStore.DEFAULT_KEEP).latestValid());
    }

    @Test
    void onlyTheNewestKAreKept() {
        FileCheckpointStore<SearchState> store = store(2);
        for (int epoch = 1; epoch <= 5; epoch++) {
            store.save(PortFixtures.searchState(epoch, epoch), PortFixtures.variables(epoch));
        }

        assertEquals(List.of("epoch-0004", "epoch-0005"), entries());
    }

    @Test
    void pruningOrdersByEpochNumberNotByName() {
        FileCheckpointStore<SearchState> store = store(2);
        for (int epoch : new int[] {9998, 9999, 10000}) {
            store.save(PortFixtures.searchState(epoch, epoch), PortFixtures.variables(epoch));
        }

        assertEquals(List.of("epoch-10000", "epoch-9999"), entries());
        assertEquals(10000, store.latestValid().orElseThrow().state().completedEpochs());
    }

    @Test
    void leftoverTemporaryDirectoriesAreIgnoredAndRemoved() throws IOException {
        saveEpochs(1);
        // A complete-looking checkpoint that was never renamed into place must not be used.
        copyTree(directory.resolve("epoch-0001"), directory.resolve(".tmp-7-1234abcd"));
        Files.writeString(Files.createDirectories(directory.resolve(".tmp-8-99/variables")).resolve("half.bin"), "half");

        assertLatestIs(1);
        assertEquals(List.of("epoch-0001"), entries());
    }

    @Test
    void aFailedSaveNamesTheCheckpointAndLeavesNoTemporaryDirectory() {
        saveEpochs(1);
        FileCheckpointStore<SearchState> store = store(FileCheckpointStore.DEFAULT_KEEP);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.save(PortFixtures.searchState(2, 2), variables -> {
            throw new UncheckedIOException(new IOException("No space left on device"));
        }));

        assertEquals("cannot write checkpoint " + directory.resolve("epoch-0002") + ": No space left on device", e.getMessage());
        assertEquals(List.of("epoch-0001"), entries());
    }

    @Test
    void aFileSizeLimitInAChildProcessLeavesThePreviousCheckpointValid() throws Exception {
        saveEpochs(1);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // ulimit -f counts 1 KiB blocks: 256 KiB allowed, a 1 MiB variables file fails with EFBIG.
        Process child = new ProcessBuilder("bash", "-c", "ulimit -f 256; exec \"$0\" \"$@\"", java, "-XX:-UsePerfData",
                "-cp", System.getProperty("java.class.path"), CheckpointWriterMain.class.getName(),
                directory.toString(), "2", String.valueOf(1 << 20))
                .redirectErrorStream(true)
                .start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(3, child.exitValue(), output);
        assertTrue(output.contains("FAILED cannot write checkpoint " + directory.resolve("epoch-0002") + ": "), output);
        assertTrue(output.contains("File too large"), output);
        assertEquals(List.of("epoch-0001"), entries());
        assertLatestIs(1);
    }

    private FileCheckpointStore<SearchState> store(int keep) {
        return new FileCheckpointStore<>(directory, new SearchStateCodec(), keep, WithoutManifest.SKIP);
    }

    private void saveEpochs(int... epochs) {
        FileCheckpointStore<SearchState> store = store(10);
        for (int epoch : epochs) {
            store.save(PortFixtures.searchState(epoch, epoch), PortFixtures.variables(epoch));
        }
    }

    private void assertLatestIs(int epoch) throws IOException {
        Checkpoint<SearchState> checkpoint = store(FileCheckpointStore.DEFAULT_KEEP).latestValid().orElseThrow();
        assertEquals(PortFixtures.searchState(epoch, epoch), checkpoint.state());
        assertEquals(directory.resolve(String.format("epoch-%04d", epoch)).resolve("variables"), checkpoint.variablesDirectory());
        PortFixtures.assertVariables(checkpoint.variablesDirectory(), epoch);
    }

    private List<String> entries() {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void truncate(Path file, int length) throws IOException {
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), length));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()));
            }
        }
    }
}
