package org.snas4j.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.snas4j.application.child.EvaluateChildService;
import org.snas4j.application.child.ExportChildService;
import org.snas4j.application.child.PredictService;
import org.snas4j.application.child.RetrainService;
import org.snas4j.application.describe.DescribeGenotypeService;
import org.snas4j.application.device.DeviceCheck;
import org.snas4j.application.describe.GenotypeCatalog;
import org.snas4j.application.port.in.DescribeGenotypeUseCase;
import org.snas4j.application.port.in.EvaluateChildUseCase;
import org.snas4j.application.port.in.ExportChildUseCase;
import org.snas4j.application.port.in.PredictUseCase;
import org.snas4j.application.port.in.RetrainGenotypeUseCase;
import org.snas4j.application.port.out.ChildNetworkTrainerFactory;
import org.snas4j.application.port.out.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.DeviceAvailability;
import org.snas4j.application.port.out.ImageFileReader;
import org.snas4j.application.port.out.ImageFolderSource;
import org.snas4j.application.port.out.ModelExporter;
import org.snas4j.application.port.out.RetrainListener;
import org.snas4j.application.port.out.ServedModelLoader;
import org.snas4j.application.port.in.SearchArchitectureUseCase;
import org.snas4j.application.port.out.DatasetSource;
import org.snas4j.application.port.out.GenotypeRepository;
import org.snas4j.application.port.out.RunDirectoryFactory;
import org.snas4j.application.port.out.SearchListener;
import org.snas4j.application.port.out.SupernetTrainerFactory;
import org.snas4j.application.port.out.events.TrainingEventLog;
import org.snas4j.application.port.in.RunStudyUseCase;
import org.snas4j.application.port.out.StudyChartWriter;
import org.snas4j.application.port.out.StudyFiles;
import org.snas4j.application.port.out.StudyListener;
import org.snas4j.application.search.SearchService;
import org.snas4j.application.study.StudyService;
import org.snas4j.application.port.in.sweep.RunSweepUseCase;
import org.snas4j.application.port.out.trial.SweepChartWriter;
import org.snas4j.application.port.out.trial.SweepFiles;
import org.snas4j.application.port.out.trial.SweepListener;
import org.snas4j.application.service.sweep.SweepService;
import org.snas4j.bootstrap.console.ConsoleSweepListener;
import org.snas4j.bootstrap.cli.VersionProvider;
import org.snas4j.bootstrap.console.ConsoleRetrainListener;
import org.snas4j.bootstrap.console.ConsoleSearchListener;
import org.snas4j.bootstrap.console.ConsoleStudyListener;

/** Use cases, built from the ports the adapters provide. */
@Module
public interface ApplicationModule {

    @Provides
    @Singleton
    static SearchArchitectureUseCase search(DatasetSource datasets, SupernetTrainerFactory trainers, RunDirectoryFactory runs,
                                            SearchListener listener, TrainingEventLog events, DeviceCheck deviceCheck) {
        return new SearchService(datasets, trainers, runs, listener, events, deviceCheck, Clock.systemUTC(),
                VersionProvider.codeVersion());
    }

    @Provides
    @Singleton
    static SearchListener searchListener() {
        return ConsoleSearchListener.forCurrentConsole();
    }

    @Provides
    @Singleton
    static RetrainGenotypeUseCase retrain(DatasetSource datasets, ChildNetworkTrainerFactory trainers, ChildRunDirectoryFactory runs,
                                          DeviceCheck deviceCheck, RetrainListener listener, TrainingEventLog events) {
        return new RetrainService(datasets, trainers, runs, deviceCheck, listener, events, Clock.systemUTC(),
                VersionProvider.codeVersion());
    }

    @Provides
    @Singleton
    static RetrainListener retrainListener() {
        return ConsoleRetrainListener.forCurrentConsole();
    }

    @Provides
    @Singleton
    static EvaluateChildUseCase evaluate(DatasetSource datasets, ChildNetworkTrainerFactory childTrainers,
                                         ChildRunDirectoryFactory childRuns, SupernetTrainerFactory supernetTrainers,
                                         RunDirectoryFactory searchRuns) {
        return new EvaluateChildService(datasets, childTrainers, childRuns, supernetTrainers, searchRuns);
    }

    @Provides
    @Singleton
    static ExportChildUseCase export(ChildRunDirectoryFactory runs, ModelExporter exporter) {
        return new ExportChildService(runs, exporter);
    }

    @Provides
    @Singleton
    static PredictUseCase predict(ServedModelLoader models, ImageFileReader images, ImageFolderSource folders) {
        return new PredictService(models, images, folders);
    }

    @Provides
    @Singleton
    static DeviceCheck deviceCheck(DeviceAvailability devices) {
        return new DeviceCheck(devices);
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

    @Provides
    @Singleton
    static RunStudyUseCase study(SearchArchitectureUseCase searches, RetrainGenotypeUseCase retrains, RunDirectoryFactory searchRuns,
                                 ChildRunDirectoryFactory retrainRuns, StudyFiles files, StudyChartWriter chart, StudyListener listener) {
        return new StudyService(searches, retrains, searchRuns, retrainRuns, files, chart, listener);
    }

    @Provides
    @Singleton
    static StudyListener studyListener() {
        return new ConsoleStudyListener();
    }

    @Provides
    @Singleton
    static RunSweepUseCase sweep(RunDirectoryFactory runs, SweepFiles files, GenotypeRepository genotypes, DatasetSource datasets,
                                 SweepChartWriter chart, SweepListener listener) {
        return new SweepService(runs, files, genotypes, datasets, chart, listener, Clock.systemUTC(), VersionProvider.codeVersion());
    }

    @Provides
    @Singleton
    static SweepListener sweepListener() {
        return new ConsoleSweepListener();
    }
}
