package org.snas4j.bootstrap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version and git commit baked into the jar at build time. */
public final class VersionProvider implements IVersionProvider {

    /** e.g. "0.1.0-SNAPSHOT (git 1a2b3c4)"; recorded in every run's provenance. */
    public static String codeVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/org/snas4j/bootstrap/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = p.getProperty("version", "unknown");
        String commit = p.getProperty("commit", "");
        return commit.isBlank() || commit.startsWith("$") ? version : version + " (git " + commit + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"snas4j " + codeVersion(), "Java " + System.getProperty("java.version")};
    }
}
