package org.snas4j.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvalidSettingExceptionTest {

    private final InvalidSettingException refused = new InvalidSettingException("batchSize", "must be positive, got 0");

    @Test
    void namesTheSettingAsTheConfigurationNamesIt() {
        assertEquals("batchSize: must be positive, got 0", refused.getMessage());
        assertEquals("batchSize", refused.setting());
        assertEquals("batchSize", refused.source());
        assertEquals("must be positive, got 0", refused.settingProblem());
        assertEquals(Optional.empty(), refused.storedIn());
    }

    @Test
    void aStoredSettingIsNamedWithItsFile() {
        Path file = Path.of("runs", "a", "configuration.textproto");
        InvalidSettingException stored = refused.storedIn(file);
        assertEquals(file + ": batchSize must be positive, got 0", stored.getMessage());
        assertEquals(file.toString(), stored.source());
        assertEquals("batchSize", stored.setting());
        assertEquals(Optional.of(file), stored.storedIn());
        assertSame(refused, stored.getCause());
    }

    @Test
    void aNestedSettingIsPrefixedUnlessItsFileNamesIt() {
        assertEquals("retrain.batchSize: must be positive, got 0", refused.within("retrain").getMessage());
        InvalidSettingException stored = refused.storedIn(Path.of("f"));
        assertSame(stored, stored.within("retrain"));
    }

    @Test
    void whileUsingStoredSettingsARefusalNamesTheFile() {
        Path file = Path.of("configuration.properties");
        assertEquals(7, InvalidSettingException.whileUsingStored(file, () -> 7));
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> InvalidSettingException.whileUsingStored(file, () -> {
            throw refused;
        }));
        assertEquals(Optional.of(file), e.storedIn());
        InvalidInputException other = new InvalidInputException("x", "y");
        assertSame(other, assertThrows(InvalidInputException.class, () -> InvalidSettingException.whileUsingStored(file, () -> {
            throw other;
        })), "only refused settings are about the file");
    }
}
