package org.snas4j.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import org.snas4j.adapter.storage.dataset.FileDatasetSource;
import org.snas4j.adapter.storage.genotype.ProtobufGenotypeRepository;
import org.snas4j.adapter.storage.run.FileRunDirectoryFactory;
import org.snas4j.adapter.tensorflow.supernet.TensorFlowSupernetTrainerFactory;
import org.snas4j.application.port.out.DatasetSource;
import org.snas4j.application.port.out.GenotypeRepository;
import org.snas4j.application.port.out.RunDirectoryFactory;
import org.snas4j.application.port.out.SupernetTrainerFactory;

/** The production adapters behind each outbound port. */
@Module
public interface AdapterModule {

    @Provides
    @Singleton
    static DatasetSource datasetSource() {
        return new FileDatasetSource();
    }

    @Provides
    @Singleton
    static GenotypeRepository genotypeRepository() {
        return new ProtobufGenotypeRepository();
    }

    @Provides
    @Singleton
    static RunDirectoryFactory runDirectoryFactory() {
        return new FileRunDirectoryFactory();
    }

    @Provides
    @Singleton
    static SupernetTrainerFactory supernetTrainerFactory() {
        return new TensorFlowSupernetTrainerFactory();
    }
}
