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
import org.snas4j.application.port.out.ModelExporter;
import org.snas4j.application.port.out.RetrainListener;
import org.snas4j.application.port.out.ServedModelLoader;
import org.snas4j.application.port.in.SearchArchitectureUseCase;
import org.snas4j.application.port.out.DatasetSource;
import org.snas4j.application.port.out.GenotypeRepository;
import org.snas4j.application.port.out.RunDirectoryFactory;
import org.snas4j.application.port.out.SearchListener;
import org.snas4j.application.port.out.SupernetTrainerFactory;
import org.snas4j.application.port.in.RunStudyUseCase;
import org.snas4j.application.port.out.StudyChartWriter;
import org.snas4j.application.port.out.StudyFiles;
import org.snas4j.application.port.out.StudyListener;
import org.snas4j.application.search.SearchService;
import org.snas4j.application.port.in.bench.BenchmarkUseCase;
import org.snas4j.application.port.out.bench.BenchmarkNetworks;
import org.snas4j.application.port.out.bench.DenseMatmulProbe;
import org.snas4j.application.port.out.bench.HostMetrics;
import org.snas4j.application.service.bench.BenchmarkService;
import org.snas4j.application.study.StudyService;
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
                                            SearchListener listener, DeviceCheck deviceCheck) {
        return new SearchService(datasets, trainers, runs, listener, deviceCheck, Clock.systemUTC(), VersionProvider.codeVersion());
    }

    @Provides
    @Singleton
    static SearchListener searchListener() {
        return ConsoleSearchListener.forCurrentConsole();
    }

    @Provides
    @Singleton
    static RetrainGenotypeUseCase retrain(DatasetSource datasets, ChildNetworkTrainerFactory trainers, ChildRunDirectoryFactory runs,
                                          DeviceCheck deviceCheck, RetrainListener listener) {
        return new RetrainService(datasets, trainers, runs, deviceCheck, listener, Clock.systemUTC(), VersionProvider.codeVersion());
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
    static PredictUseCase predict(ServedModelLoader models, ImageFileReader images) {
        return new PredictService(models, images);
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
    static BenchmarkUseCase benchmark(BenchmarkNetworks networks, DenseMatmulProbe matmul, HostMetrics host) {
        return new BenchmarkService(networks, matmul, host);
    }
}
