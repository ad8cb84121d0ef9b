package org.snas4j.adapter.storage.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.snas4j.application.InvalidInputException;

/**
 * Fuzz-style properties of the IDX reader over a valid file (raw or gzip): a truncated or extended
 * file is always refused, and arbitrary byte damage is either refused naming the file, or harmless
 * (a gzip file decodes to exactly the original, a raw file was damaged only in its data part).
 */
class CorruptionPropertiesTest {

    private static final List<String> FILES = FileDatasetSource.IDX_FILES;

    @Provide
    Arbitrary<String> files() {
        return Arbitraries.of(FILES);
    }

    private static byte[] stored(String name, boolean gzip) {
        byte[] content = DatasetFixtures.idxFile(name);
        return gzip ? DatasetFixtures.gzip(content) : content;
    }

    /** Reads one IDX file as the loader would; returns the decoded data part. */
    private static byte[] read(String name, byte[] stored) {
        DataFile file = DatasetFixtures.inMemory(name, stored);
        if (name.contains("images")) {
            return IdxReader.readImages(file).pixels();
        }
        int[] labels = IdxReader.readLabels(file, 10);
        byte[] bytes = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            bytes[i] = (byte) labels[i];
        }
        return bytes;
    }

    private static InvalidInputException refusal(String name, byte[] stored) {
        try {
            read(name, stored);
            return null;
        } catch (InvalidInputException e) {
            assertEquals(name, e.source(), "names the file");
            assertFalse(e.problem().isBlank());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            return e;
        }
    }

    @Property(tries = 300)
    void truncationAnywhereIsRefused(@ForAll("files") String name, @ForAll boolean gzip, @ForAll @IntRange(min = 0, max = 1_000_000) int cut) {
        byte[] valid = stored(name, gzip);
        byte[] truncated = Arrays.copyOf(valid, cut % valid.length);
        assertTrue(refusal(name, truncated) != null, "a file cut to " + truncated.length + " of " + valid.length + " bytes is refused");
    }

    @Property(tries = 200)
    void appendedBytesAreRefused(@ForAll("files") String name, @ForAll boolean gzip, @ForAll @Size(min = 1, max = 40) byte[] extra) {
        byte[] valid = stored(name, gzip);
        byte[] extended = Arrays.copyOf(valid, valid.length + extra.length);
        System.arraycopy(extra, 0, extended, valid.length, extra.length);
        assertTrue(refusal(name, extended) != null, extra.length + " appended bytes are refused");
    }

    @Property(tries = 300)
    void damagedBytesAreRefusedOrHarmless(@ForAll("files") String name, @ForAll boolean gzip,
                                          @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 1_000_000) Integer> positions,
                                          @ForAll @Size(min = 4, max = 4) byte[] values) {
        byte[] valid = stored(name, gzip);
        byte[] damaged = valid.clone();
        int firstChanged = Integer.MAX_VALUE;
        for (int i = 0; i < positions.size(); i++) {
            int at = positions.get(i) % valid.length;
            damaged[at] = values[i];
            if (damaged[at] != valid[at]) {
                firstChanged = Math.min(firstChanged, at);
            }
        }
        if (refusal(name, damaged) != null) {
            return;
        }
        byte[] decoded = read(name, damaged);
        byte[] original = read(name, valid);
        if (gzip) {
            // Damage that gzip lets through (header time or OS byte) cannot change the data: the CRC guards it.
            assertArrayEquals(original, decoded);
        } else {
            int headerBytes = name.contains("images") ? 16 : 8;
            assertTrue(firstChanged >= headerBytes, "a raw file whose header changed (at " + firstChanged + ") must be refused");
            assertEquals(original.length, decoded.length);
        }
    }
}
