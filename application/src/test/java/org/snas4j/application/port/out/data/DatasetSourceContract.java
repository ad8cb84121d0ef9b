package org.snas4j.application.port.out.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.snas4j.application.InvalidInputException;

/** What every {@link DatasetSource} promises; each adapter runs it by subclassing. */
public abstract class DatasetSourceContract {

    /** The source under test, able to serve {@link DatasetRequest#bundledDefault()}. */
    protected abstract DatasetSource source();

    @Test
    void theDefaultRequestYieldsConsistentNonEmptySplits() {
        DatasetSplits splits = source().load(DatasetRequest.bundledDefault());
        for (ImageDataset data : new ImageDataset[] {splits.train(), splits.test()}) {
            assertTrue(data.size() > 0, data + " is not empty");
            for (int i = 0; i < data.size(); i += 97) {
                assertTrue(data.label(i) >= 0 && data.label(i) < data.classes());
            }
        }
        assertTrue(splits.train().size() > splits.test().size(), "more training than test images");
        assertEquals(splits.train().fingerprint(), source().load(DatasetRequest.bundledDefault()).train().fingerprint(), "loading is repeatable");
    }

    @Test
    void anUnknownDatasetIsInvalidInput() {
        assertThrows(InvalidInputException.class, () -> source().load(new DatasetRequest("no-such-dataset", Optional.empty())));
    }

    @Test
    void aMissingDirectoryIsInvalidInputNamingIt() {
        Path absent = Path.of("/nonexistent/snas4j-contract");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> source().load(new DatasetRequest(DatasetRequest.bundledDefault().name(), Optional.of(absent))));
        assertEquals(absent.toString(), e.source());
    }
}
