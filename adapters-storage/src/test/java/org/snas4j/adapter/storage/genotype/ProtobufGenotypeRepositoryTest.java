package org.snas4j.adapter.storage.genotype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.snas4j.adapter.storage.io.ProtoFormat;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.storage.GenotypeRepository;
import org.snas4j.application.port.out.storage.GenotypeRepositoryContract;
import org.snas4j.application.port.out.storage.PortFixtures;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.proto.CellEdgeProto;
import org.snas4j.proto.GenotypeProto;

class ProtobufGenotypeRepositoryTest extends GenotypeRepositoryContract {

    private final ProtobufGenotypeRepository repository = new ProtobufGenotypeRepository();

    @Override
    protected GenotypeRepository repository() {
        return repository;
    }

    @Test
    void everyTruncationOfABinaryGenotypeIsRefused() throws IOException {
        for (Genotype genotype : List.of(PortFixtures.edgeAllGenotype(3), PortFixtures.top2Genotype(3))) {
            Path file = directory.resolve("g.pb");
            repository.save(file, genotype);
            byte[] complete = Files.readAllBytes(file);
            for (int length = 0; length < complete.length; length++) {
                Files.write(file, Arrays.copyOf(complete, length));
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> repository.load(file), "truncated to " + length);
                assertNamesFileInOneLine(file, e);
            }
        }
    }

    @Test
    void flippedBytesGiveAValidGenotypeOrANamedRefusal() throws IOException {
        Path file = directory.resolve("g.pb");
        repository.save(file, PortFixtures.edgeAllGenotype(2));
        byte[] complete = Files.readAllBytes(file);
        int refused = 0;
        for (int offset = 0; offset < complete.length; offset++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] garbled = complete.clone();
                garbled[offset] ^= (byte) mask;
                Files.write(file, garbled);
                try {
                    repository.load(file);
                } catch (InvalidInputException e) {
                    assertNamesFileInOneLine(file, e);
                    refused++;
                }
            }
        }
        // Most flips break the structure; a flip of e.g. an input index can yield another valid genotype.
        assertTrue(refused > complete.length * 3 / 2, refused + " of " + 3 * complete.length + " flips refused");
    }

    @ParameterizedTest
    @EnumSource(ProtoFormat.class)
    void anUnknownOperationIsNamed(ProtoFormat format) throws IOException {
        assertRefused(format, p -> withNormalEdge(p, 3, e -> e.setOp("conv_7x7")), "normal cell, edge 3: unknown operation 'conv_7x7'");
    }

    @ParameterizedTest
    @EnumSource(ProtoFormat.class)
    void controlCharactersInAnOperationKeepTheProblemOnOneLine(ProtoFormat format) throws IOException {
        // Found by GenotypeFilePropertiesTest: a damaged byte became a line break inside an op name.
        assertRefused(format, p -> withNormalEdge(p, 3, e -> e.setOp("conv\n\u00017x7")), "normal cell, edge 3: unknown operation 'conv \\u00017x7'");
    }

    @ParameterizedTest
    @EnumSource(ProtoFormat.class)
    void anInputOutOfRangeForItsNodeIsNamed(ProtoFormat format) throws IOException {
        // Edge 2 of an edge-all cell enters node 3, whose inputs are 0..2.
        assertRefused(format, p -> withNormalEdge(p, 2, e -> e.setInput(5)), "normal cell, edge 2: input index 5 out of range for node 3");
    }

    @ParameterizedTest
    @EnumSource(ProtoFormat.class)
    void aNodeOutOfRangeIsNamed(ProtoFormat format) throws IOException {
        assertRefused(format, p -> withNormalEdge(p, 0, e -> e.setNode(6)), "normal cell, edge 0: node 6 is not an intermediate node");
    }

    @ParameterizedTest
    @EnumSource(ProtoFormat.class)
    void aWrongEdgeCountIsNamed(ProtoFormat format) throws IOException {
        assertRefused(format, p -> {
            GenotypeProto.Builder builder = p.toBuilder();
            builder.getReductionBuilder().removeEdges(13);
            return builder.build();
        }, "reduction cell: an edge-all cell has 14 edges, got 13");
    }

    @ParameterizedTest
    @EnumSource(ProtoFormat.class)
    void aFormThatDoesNotMatchTheEdgesIsNamed(ProtoFormat format) throws IOException {
        assertRefused(format, p -> p.toBuilder().setForm(org.snas4j.proto.GenotypeForm.TOP2_PER_NODE).build(),
                "normal cell: a top-2 cell has 8 edges (2 per node), got 14");
    }

    @ParameterizedTest
    @EnumSource(ProtoFormat.class)
    void aTop2NodeWithThreeInputsIsNamed(ProtoFormat format) throws IOException {
        Path file = directory.resolve("g" + format.extension());
        GenotypeProto top2 = GenotypeProtoMapper.toProto(PortFixtures.top2Genotype(0));
        GenotypeProto.Builder builder = top2.toBuilder();
        // Move node 5's second input to node 4 (input 0 is valid for both): node 4 then has 3 inputs.
        builder.getNormalBuilder().getEdgesBuilder(7).setInput(0).setNode(4);
        builder.getNormalBuilder().getEdgesBuilder(6).setInput(1).setNode(4);
        Files.write(file, format.print(builder.build()));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> repository.load(file));
        assertNamesFileInOneLine(file, e);
        assertTrue(e.problem().startsWith("normal cell"), e.problem());
    }

    @ParameterizedTest
    @EnumSource(ProtoFormat.class)
    void aTop2EdgeTwiceIsNamed(ProtoFormat format) throws IOException {
        Path file = directory.resolve("g" + format.extension());
        GenotypeProto.Builder builder = GenotypeProtoMapper.toProto(PortFixtures.top2Genotype(0)).toBuilder();
        CellEdgeProto first = builder.getReduction().getEdges(0);
        builder.getReductionBuilder().setEdges(1, first.toBuilder().setOp("skip_connect"));
        Files.write(file, format.print(builder.build()));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> repository.load(file));
        assertEquals("reduction cell, edge 1: edge " + first.getInput() + " -> " + first.getNode() + " appears twice", e.problem());
    }

    @ParameterizedTest
    @EnumSource(ProtoFormat.class)
    void aMissingFormOrCellIsNamed(ProtoFormat format) throws IOException {
        assertRefused(format, p -> p.toBuilder().clearForm().build(), "genotype form is missing");
        assertRefused(format, p -> p.toBuilder().clearReduction().build(), "reduction cell is missing");
    }

    @Test
    void aMissingConcatMeansTheDefaultNodes() throws IOException {
        Path file = directory.resolve("hand-written.textproto");
        GenotypeProto.Builder builder = GenotypeProtoMapper.toProto(PortFixtures.edgeAllGenotype(1)).toBuilder();
        builder.getNormalBuilder().clearConcat();
        Files.write(file, ProtoFormat.TEXT.print(builder.build()));
        assertEquals(PortFixtures.edgeAllGenotype(1), repository.load(file));
    }

    @Test
    void aBinaryFieldUnknownToTheSchemaIsRefused() throws IOException {
        Path file = directory.resolve("g.pb");
        byte[] valid = GenotypeProtoMapper.toProto(PortFixtures.edgeAllGenotype(1)).toByteArray();
        byte[] withField9 = Arrays.copyOf(valid, valid.length + 2);
        withField9[valid.length] = (byte) (9 << 3); // field 9, varint
        withField9[valid.length + 1] = 1;
        Files.write(file, withField9);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> repository.load(file));
        assertTrue(e.problem().contains("unknown field number 9"), e.problem());
    }

    @Test
    void textFormatMistakesAreNamedWithTheirPosition() throws IOException {
        Path file = Files.writeString(directory.resolve("g.textproto"), "form: EDGE_ALL\nnormal { edges { op: \"none\" input: 0 node: 2 }\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> repository.load(file));
        assertNamesFileInOneLine(file, e);
        assertTrue(e.problem().contains("3:1"), e.problem());

        Files.writeString(file, "form: EDGE_ALL\nform: TOP2_PER_NODE\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> repository.load(file)).problem().contains("form"));

        Files.writeString(file, "form: EDGE_SOME\n");
        assertTrue(assertThrows(InvalidInputException.class, () -> repository.load(file)).problem().contains("EDGE_SOME"));
    }

    @Test
    void jsonMistakesAreNamed() throws IOException {
        Path file = Files.writeString(directory.resolve("g.json"), "{\"form\": \"EDGE_ALL\", \"colour\": 3}");
        assertTrue(assertThrows(InvalidInputException.class, () -> repository.load(file)).problem().contains("colour"));

        Files.writeString(file, "{\"form\": \"EDGE_ALL\", \"normal\": 7}");
        assertNamesFileInOneLine(file, assertThrows(InvalidInputException.class, () -> repository.load(file)));

        Files.writeString(file, "[1, 2");
        assertNamesFileInOneLine(file, assertThrows(InvalidInputException.class, () -> repository.load(file)));

        Files.write(file, new byte[] {'{', (byte) 0xC3, '}'});
        assertEquals("not a valid GenotypeProto in .json format (truncated or garbled?): not valid UTF-8 text",
                assertThrows(InvalidInputException.class, () -> repository.load(file)).problem());
    }

    @Test
    void anUnknownExtensionIsRefusedOnSaveAndLoad() throws IOException {
        Path file = directory.resolve("g.yaml");
        InvalidInputException onSave = assertThrows(InvalidInputException.class, () -> repository.save(file, PortFixtures.edgeAllGenotype(0)));
        assertEquals("unknown file extension (expected .pb, .textproto or .json)", onSave.problem());
        assertEquals(file.toString(), onSave.source());
        Files.writeString(file, "form: EDGE_ALL");
        assertEquals(onSave.problem(), assertThrows(InvalidInputException.class, () -> repository.load(file)).problem());
    }

    @Test
    void aDirectoryOrAHugeFileIsRefusedWithoutReadingIt() throws IOException {
        Path folder = Files.createDirectory(directory.resolve("folder.pb"));
        assertEquals("is a directory, not a file", assertThrows(InvalidInputException.class, () -> repository.load(folder)).problem());

        Path huge = directory.resolve("huge.pb");
        try (RandomAccessFile sparse = new RandomAccessFile(huge.toFile(), "rw")) {
            sparse.setLength(1L << 30);
        }
        assertTrue(assertThrows(InvalidInputException.class, () -> repository.load(huge)).problem().startsWith("file too large"));
    }

    @Test
    void theTextFormNamesItsSchemaAndReadsLikeTheSearchSpace() throws IOException {
        Path file = directory.resolve("g.textproto");
        repository.save(file, PortFixtures.edgeAllGenotype(4));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# proto-file: snas4j/genotype.proto\n# proto-message: snas4j.GenotypeProto\n"), text);
        assertTrue(text.contains("form: EDGE_ALL"), text);
        assertTrue(text.contains("op: \"sep_conv_3x3\""), text);
    }

    private void assertRefused(ProtoFormat format, UnaryOperator<GenotypeProto> damage, String expectedProblemStart) throws IOException {
        Path file = directory.resolve("damaged" + format.extension());
        Files.write(file, format.print(damage.apply(GenotypeProtoMapper.toProto(PortFixtures.edgeAllGenotype(0)))));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> repository.load(file));
        assertNamesFileInOneLine(file, e);
        assertTrue(e.problem().startsWith(expectedProblemStart), e.problem());
    }

    private static GenotypeProto withNormalEdge(GenotypeProto proto, int index, UnaryOperator<CellEdgeProto.Builder> change) {
        GenotypeProto.Builder builder = proto.toBuilder();
        change.apply(builder.getNormalBuilder().getEdgesBuilder(index));
        return builder.build();
    }

    static void assertNamesFileInOneLine(Path file, InvalidInputException e) {
        assertEquals(file.toString(), e.source());
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
