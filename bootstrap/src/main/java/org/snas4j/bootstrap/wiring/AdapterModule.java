package org.snas4j.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import org.snas4j.adapter.storage.dataset.FileDatasetSource;
import org.snas4j.adapter.storage.dataset.folder.ImageFolderLoader;
import org.snas4j.adapter.storage.genotype.ProtobufGenotypeRepository;
import org.snas4j.adapter.storage.report.JFreeChartStudyChartWriter;
import org.snas4j.adapter.storage.run.FileRunDirectoryFactory;
import org.snas4j.adapter.storage.study.FileStudyFiles;
import org.snas4j.adapter.storage.report.JFreeChartSweepChartWriter;
import org.snas4j.adapter.storage.sweep.FileSweepFiles;
import org.snas4j.application.port.out.trial.SweepChartWriter;
import org.snas4j.application.port.out.trial.SweepFiles;
import org.snas4j.adapter.tensorflow.supernet.TensorFlowSupernetTrainerFactory;
import org.snas4j.adapter.storage.child.FileChildRunDirectoryFactory;
import org.snas4j.adapter.storage.dataset.ImageFiles;
import org.snas4j.adapter.tensorflow.child.SavedModelExporter;
import org.snas4j.adapter.tensorflow.child.SavedModelLoader;
import org.snas4j.adapter.tensorflow.child.TensorFlowChildTrainerFactory;
import org.snas4j.adapter.tensorflow.device.TensorFlowDevices;
import org.snas4j.adapter.tensorflow.events.TensorBoardEventLog;
import org.snas4j.application.port.out.ChildNetworkTrainerFactory;
import org.snas4j.application.port.out.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.DatasetSource;
import org.snas4j.application.port.out.DeviceAvailability;
import org.snas4j.application.port.out.ImageFileReader;
import org.snas4j.application.port.out.ImageFolderSource;
import org.snas4j.application.port.out.ModelExporter;
import org.snas4j.application.port.out.ServedModelLoader;
import org.snas4j.application.port.out.GenotypeRepository;
import org.snas4j.application.port.out.RunDirectoryFactory;
import org.snas4j.application.port.out.StudyChartWriter;
import org.snas4j.application.port.out.StudyFiles;
import org.snas4j.application.port.out.SupernetTrainerFactory;
import org.snas4j.application.port.out.events.TrainingEventLog;

/** The production adapters behind each outbound port. */
@Module
public interface AdapterModule {

    @Provides
    @Singleton
    static DatasetSource datasetSource(ImageFolderLoader folders) {
        return new FileDatasetSource(FileDatasetSource.DEBIAN_FASHION_MNIST, folders);
    }

    @Provides
    @Singleton
    static ImageFolderLoader imageFolderLoader() {
        return new ImageFolderLoader();
    }

    @Provides
    @Singleton
    static ImageFolderSource imageFolderSource(ImageFolderLoader folders) {
        return folders;
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
    static ChildNetworkTrainerFactory childNetworkTrainerFactory() {
        return new TensorFlowChildTrainerFactory();
    }

    @Provides
    @Singleton
    static ChildRunDirectoryFactory childRunDirectoryFactory() {
        return new FileChildRunDirectoryFactory();
    }

    @Provides
    @Singleton
    static ModelExporter modelExporter() {
        return new SavedModelExporter();
    }

    @Provides
    @Singleton
    static ServedModelLoader servedModelLoader() {
        return new SavedModelLoader();
    }

    @Provides
    @Singleton
    static ImageFileReader imageFileReader() {
        return new ImageFiles();
    }

    @Provides
    @Singleton
    static DeviceAvailability deviceAvailability() {
        return new TensorFlowDevices();
    }

    @Provides
    @Singleton
    static SupernetTrainerFactory supernetTrainerFactory() {
        return new TensorFlowSupernetTrainerFactory();
    }

    @Provides
    @Singleton
    static StudyFiles studyFiles() {
        return new FileStudyFiles();
    }

    @Provides
    @Singleton
    static TrainingEventLog trainingEventLog() {
        return new TensorBoardEventLog();
    }

    @Provides
    @Singleton
    static StudyChartWriter studyChartWriter() {
        return new JFreeChartStudyChartWriter();
    }

    @Provides
    @Singleton
    static SweepFiles sweepFiles() {
        return new FileSweepFiles();
    }

    @Provides
    @Singleton
    static SweepChartWriter sweepChartWriter() {
        return new JFreeChartSweepChartWriter();
    }
}
