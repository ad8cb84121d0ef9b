package org.snas4j.adapter.storage.genotype;

import java.nio.file.Path;
import java.util.Objects;
import org.snas4j.adapter.storage.io.Problems;
import org.snas4j.adapter.storage.io.ProtoFiles;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.storage.GenotypeRepository;
import org.snas4j.domain.genotype.Genotype;
import org.snas4j.proto.GenotypeProto;

/**
 * Genotype files in protobuf form: {@code .pb} binary, {@code .textproto} text format or
 * {@code .json}, chosen by the extension. Writes are atomic; reads either return a fully valid
 * genotype or throw {@link InvalidInputException} naming the file and the problem.
 */
public final class ProtobufGenotypeRepository implements GenotypeRepository {

    @Override
    public void save(Path file, Genotype genotype) {
        Objects.requireNonNull(file, "file");
        ProtoFiles.write(file, GenotypeProtoMapper.toProto(Objects.requireNonNull(genotype, "genotype")));
    }

    @Override
    public Genotype load(Path file) {
        GenotypeProto proto = ProtoFiles.read(Objects.requireNonNull(file, "file"), GenotypeProto.getDefaultInstance());
        try {
            return GenotypeProtoMapper.fromProto(proto);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, Problems.oneLine(e.getMessage()), e);
        }
    }
}
