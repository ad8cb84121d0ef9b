package org.snas4j.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.snas4j.application.describe.DescribeGenotypeService;
import org.snas4j.application.describe.GenotypeCatalog;
import org.snas4j.application.port.in.DescribeGenotypeUseCase;
import org.snas4j.application.port.in.SearchArchitectureUseCase;
import org.snas4j.application.port.out.DatasetSource;
import org.snas4j.application.port.out.GenotypeRepository;
import org.snas4j.application.port.out.RunDirectoryFactory;
import org.snas4j.application.port.out.SearchListener;
import org.snas4j.application.port.out.SupernetTrainerFactory;
import org.snas4j.application.search.SearchService;
import org.snas4j.bootstrap.cli.VersionProvider;
import org.snas4j.bootstrap.console.ConsoleSearchListener;

/** Use cases, built from the ports the adapters provide. */
@Module
public interface ApplicationModule {

    @Provides
    @Singleton
    static SearchArchitectureUseCase search(DatasetSource datasets, SupernetTrainerFactory trainers, RunDirectoryFactory runs,
                                            SearchListener listener) {
        return new SearchService(datasets, trainers, runs, listener, Clock.systemUTC(), VersionProvider.codeVersion());
    }

    @Provides
    @Singleton
    static SearchListener searchListener() {
        return ConsoleSearchListener.forCurrentConsole();
    }

    @Provides
    @Singleton
    static GenotypeCatalog genotypeCatalog(GenotypeRepository repository) {
        return new GenotypeCatalog(repository);
    }

    @Provides
    @Singleton
    static DescribeGenotypeUseCase describe(GenotypeCatalog catalog) {
        return new DescribeGenotypeService(catalog);
    }
}
