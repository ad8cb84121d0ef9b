package org.snas4j.bootstrap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version and git commit baked into the jar at build time. */
public final class VersionProvider implements IVersionProvider {

    /** e.g. "0.1.0-SNAPSHOT (git 1a2b3c4)" or "0.1.0-SNAPSHOT (git 1a2b3c4 with uncommitted changes)"; recorded in every run's provenance. */
    public static String codeVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/org/snas4j/bootstrap/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return describe(p.getProperty("version", "unknown"), p.getProperty("commit", ""), p.getProperty("dirty", ""));
    }

    /**
     * The version with its commit, and a warning when the build had uncommitted changes (a result
     * that names only the commit would claim code that never was committed). Unfiltered placeholders
     * (a build without git) leave the commit out.
     */
    static String describe(String version, String commit, String dirty) {
        if (commit.isBlank() || commit.startsWith("$")) {
            return version;
        }
        return version + " (git " + commit + ("true".equals(dirty) ? " with uncommitted changes" : "") + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"snas4j " + codeVersion(), "Java " + System.getProperty("java.version")};
    }
}
