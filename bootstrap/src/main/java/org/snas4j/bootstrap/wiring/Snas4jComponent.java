package org.snas4j.bootstrap.wiring;

import dagger.Component;
import jakarta.inject.Singleton;
import picocli.CommandLine;

/** The object graph of the command-line application. */
@Singleton
@Component(modules = {ApplicationModule.class, AdapterModule.class, CommandModule.class})
public interface Snas4jComponent {

    /** The configured command line, its subcommands built by Dagger. */
    CommandLine commandLine();
}
