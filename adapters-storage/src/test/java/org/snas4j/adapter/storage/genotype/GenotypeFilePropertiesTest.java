package org.snas4j.adapter.storage.genotype;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.snas4j.adapter.storage.io.ProtoFormat;
import org.snas4j.application.InvalidInputException;
import org.snas4j.domain.genotype.CellEdge;
import org.snas4j.domain.genotype.CellGenotype;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.domain.genotype.GenotypeForm;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.Operation;

/** Any genotype survives every format; any damage to a file yields a valid genotype or a named refusal. */
class GenotypeFilePropertiesTest {

    private static Path directory;
    private final ProtobufGenotypeRepository repository = new ProtobufGenotypeRepository();

    @BeforeContainer
    static void createDirectory() throws IOException {
        directory = Files.createTempDirectory("snas4j-genotype-properties");
    }

    @AfterContainer
    static void deleteDirectory() throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Property(tries = 150)
    void everyGenotypeRoundTripsInEveryFormat(@ForAll("genotypes") Genotype genotype) {
        for (ProtoFormat format : ProtoFormat.values()) {
            Path file = directory.resolve("round-trip" + format.extension());
            repository.save(file, genotype);
            assertEquals(genotype, repository.load(file), format.name());
        }
    }

    @Property(tries = 400)
    void damagedFilesGiveAValidGenotypeOrANamedRefusal(@ForAll("genotypes") Genotype genotype, @ForAll("formats") ProtoFormat format,
                                                       @ForAll long damageSeed) throws IOException {
        Path file = directory.resolve("damaged" + format.extension());
        byte[] bytes = format.print(GenotypeProtoMapper.toProto(genotype));
        Files.write(file, damage(bytes, new Random(damageSeed)));
        try {
            Genotype loaded = repository.load(file);
            // Whatever loads is whole: its invariants hold, so it can be written and read again unchanged.
            repository.save(file, loaded);
            assertEquals(loaded, repository.load(file));
        } catch (InvalidInputException e) {
            ProtobufGenotypeRepositoryTest.assertNamesFileInOneLine(file, e);
        }
    }

    @Provide
    Arbitrary<ProtoFormat> formats() {
        return Arbitraries.of(ProtoFormat.class);
    }

    @Provide
    Arbitrary<Genotype> genotypes() {
        return Arbitraries.randomValue(GenotypeFilePropertiesTest::randomGenotype);
    }

    private static Genotype randomGenotype(Random random) {
        GenotypeForm form = random.nextBoolean() ? GenotypeForm.EDGE_ALL : GenotypeForm.TOP2_PER_NODE;
        return new Genotype(randomCell(form, random), randomCell(form, random));
    }

    private static CellGenotype randomCell(GenotypeForm form, Random random) {
        List<CellEdge> edges = new ArrayList<>();
        for (int node = CellTopology.INPUT_NODES; node < CellTopology.NODES; node++) {
            List<Integer> inputs = new ArrayList<>();
            for (int input = 0; input < node; input++) {
                inputs.add(input);
            }
            java.util.Collections.shuffle(inputs, random);
            List<Integer> kept = form == GenotypeForm.EDGE_ALL ? inputs : inputs.subList(0, 2);
            for (int input : kept) {
                edges.add(new CellEdge(Operation.all().get(random.nextInt(Operation.COUNT)), input, node));
            }
        }
        List<Integer> concat = new ArrayList<>(List.of(2, 3, 4, 5));
        java.util.Collections.shuffle(concat, random);
        return new CellGenotype(form, edges, concat.subList(0, 1 + random.nextInt(4)));
    }

    /** Truncates, overwrites, inserts or deletes a few random bytes. */
    private static byte[] damage(byte[] bytes, Random random) {
        List<Byte> damaged = new ArrayList<>();
        for (byte b : bytes) {
            damaged.add(b);
        }
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes && !damaged.isEmpty(); i++) {
            int at = random.nextInt(damaged.size());
            switch (random.nextInt(4)) {
                case 0 -> damaged.subList(at, damaged.size()).clear();
                case 1 -> damaged.set(at, (byte) random.nextInt(256));
                case 2 -> damaged.add(at, (byte) random.nextInt(256));
                default -> damaged.remove(at);
            }
        }
        byte[] result = new byte[damaged.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = damaged.get(i);
        }
        return result;
    }
}
