package org.snas4j.adapter.storage.io;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.google.protobuf.util.JsonFormat;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** The three file formats of a protobuf message, chosen by the file's extension. */
public enum ProtoFormat {
    BINARY(".pb"),
    TEXT(".textproto"),
    JSON(".json");

    private static final TextFormat.Parser TEXT_PARSER = TextFormat.Parser.newBuilder()
            .setSingularOverwritePolicy(TextFormat.Parser.SingularOverwritePolicy.FORBID_SINGULAR_OVERWRITES)
            .build();
    // Default values are printed so that a human reading the JSON sees "input": 0 rather than nothing.
    private static final JsonFormat.Printer JSON_PRINTER = JsonFormat.printer().includingDefaultValueFields();
    private static final JsonFormat.Parser JSON_PARSER = JsonFormat.parser();

    private final String extension;

    ProtoFormat(String extension) {
        this.extension = extension;
    }

    /** The extension with its dot, e.g. {@code .textproto}. */
    public String extension() {
        return extension;
    }

    /** The format a file's name asks for, if any. */
    public static Optional<ProtoFormat> of(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String lower = name.toString().toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(f -> lower.endsWith(f.extension)).findFirst();
    }

    /** A list of the extensions for messages, e.g. ".pb, .textproto or .json". */
    public static String extensions() {
        return BINARY.extension + ", " + TEXT.extension + " or " + JSON.extension;
    }

    /** Serialises a message; text forms end with a newline. */
    public byte[] print(Message message) {
        return switch (this) {
            case BINARY -> message.toByteArray();
            case TEXT -> ("# proto-file: " + message.getDescriptorForType().getFile().getName() + "\n"
                    + "# proto-message: " + message.getDescriptorForType().getFullName() + "\n"
                    + TextFormat.printer().printToString(message)).getBytes(StandardCharsets.UTF_8);
            case JSON -> {
                try {
                    yield (JSON_PRINTER.print(message) + "\n").getBytes(StandardCharsets.UTF_8);
                } catch (InvalidProtocolBufferException e) {
                    // Only messages holding Any fields can fail to print; snas4j's schemas have none.
                    throw new IllegalStateException("cannot print " + message.getDescriptorForType().getFullName() + " as JSON", e);
                }
            }
        };
    }

    /**
     * Parses bytes into a message of the prototype's type.
     *
     * @throws MalformedMessageException with a one-line description of what is wrong
     */
    @SuppressWarnings("unchecked")
    public <T extends Message> T parse(byte[] bytes, T prototype) throws MalformedMessageException {
        Message.Builder builder = prototype.newBuilderForType();
        try {
            switch (this) {
                case BINARY -> {
                    builder.mergeFrom(bytes);
                    UnknownFields.reject(builder.build());
                }
                case TEXT -> TEXT_PARSER.merge(decodeUtf8(bytes), builder);
                case JSON -> JSON_PARSER.merge(decodeUtf8(bytes), builder);
            }
        } catch (InvalidProtocolBufferException | TextFormat.ParseException e) {
            throw new MalformedMessageException(describe(e));
        } catch (RuntimeException e) {
            // JsonFormat reports some malformed input (e.g. a number where an object belongs) unchecked.
            throw new MalformedMessageException(describe(e));
        }
        return (T) builder.build();
    }

    /** What a reader says about input it cannot parse: a one-line description. */
    public static final class MalformedMessageException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedMessageException(String problem) {
            super(problem);
        }
    }

    private static String decodeUtf8(byte[] bytes) throws MalformedMessageException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("not valid UTF-8 text");
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Problems.oneLine(message);
    }
}
