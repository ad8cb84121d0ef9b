package org.snas4j.bootstrap.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a run's provenance says of the code that produced it. */
class VersionProviderTest {

    @Test
    void aCleanBuildNamesItsCommit() {
        assertEquals("0.1.0 (git 1a2b3c4d5e)", VersionProvider.describe("0.1.0", "1a2b3c4d5e", "false"));
    }

    @Test
    void aBuildWithUncommittedChangesSaysSo() {
        assertEquals("0.1.0 (git 1a2b3c4d5e with uncommitted changes)", VersionProvider.describe("0.1.0", "1a2b3c4d5e", "true"));
    }

    @Test
    void aBuildWithoutGitNamesTheVersionOnly() {
        assertEquals("0.1.0", VersionProvider.describe("0.1.0", "${git.commit.id.abbrev}", "${git.dirty}"));
        assertEquals("0.1.0", VersionProvider.describe("0.1.0", "", ""));
    }

    @Test
    void theBuildFilledInTheCommit() {
        assertTrue(VersionProvider.codeVersion().contains("(git "), "git-commit-id filtered version.properties: " + VersionProvider.codeVersion());
    }
}
