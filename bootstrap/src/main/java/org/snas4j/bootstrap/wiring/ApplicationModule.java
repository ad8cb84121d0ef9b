package org.snas4j.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.snas4j.application.port.in.bench.BenchmarkUseCase;
import org.snas4j.application.port.in.describe.DescribeGenotypeUseCase;
import org.snas4j.application.port.in.evaluate.EvaluateChildUseCase;
import org.snas4j.application.port.in.export.ExportChildUseCase;
import org.snas4j.application.port.in.predict.PredictUseCase;
import org.snas4j.application.port.in.report.ReportRunsUseCase;
import org.snas4j.application.port.in.retrain.RetrainGenotypeUseCase;
import org.snas4j.application.port.in.search.SearchArchitectureUseCase;
import org.snas4j.application.port.in.study.RunStudyUseCase;
import org.snas4j.application.port.in.sweep.RunSweepUseCase;
import org.snas4j.application.port.out.bench.BenchmarkNetworks;
import org.snas4j.application.port.out.bench.DenseMatmulProbe;
import org.snas4j.application.port.out.bench.HostMetrics;
import org.snas4j.application.port.out.data.DatasetSource;
import org.snas4j.application.port.out.data.ImageFileReader;
import org.snas4j.application.port.out.data.ImageFolderSource;
import org.snas4j.application.port.out.device.DeviceAvailability;
import org.snas4j.application.port.out.events.TrainingEventLog;
import org.snas4j.application.port.out.progress.RetrainListener;
import org.snas4j.application.port.out.progress.SearchListener;
import org.snas4j.application.port.out.progress.StudyListener;
import org.snas4j.application.port.out.report.ReportWriter;
import org.snas4j.application.port.out.report.RunArchive;
import org.snas4j.application.port.out.report.StudyChartWriter;
import org.snas4j.application.port.out.serving.ModelExporter;
import org.snas4j.application.port.out.serving.ServedModelLoader;
import org.snas4j.application.port.out.storage.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.storage.GenotypeRepository;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;
import org.snas4j.application.port.out.storage.StudyFiles;
import org.snas4j.application.port.out.training.ChildNetworkTrainerFactory;
import org.snas4j.application.port.out.training.SupernetTrainerFactory;
import org.snas4j.application.port.out.trial.SweepChartWriter;
import org.snas4j.application.port.out.trial.SweepFiles;
import org.snas4j.application.port.out.trial.SweepListener;
import org.snas4j.application.service.bench.BenchmarkService;
import org.snas4j.application.service.describe.DescribeGenotypeService;
import org.snas4j.application.service.describe.GenotypeCatalog;
import org.snas4j.application.service.device.DeviceCheck;
import org.snas4j.application.service.evaluate.EvaluateChildService;
import org.snas4j.application.service.export.ExportChildService;
import org.snas4j.application.service.predict.PredictService;
import org.snas4j.application.service.report.ReportService;
import org.snas4j.application.service.retrain.RetrainService;
import org.snas4j.application.service.search.SearchService;
import org.snas4j.application.service.study.StudyService;
import org.snas4j.application.service.sweep.SweepService;
import org.snas4j.bootstrap.cli.VersionProvider;
import org.snas4j.bootstrap.console.ConsoleRetrainListener;
import org.snas4j.bootstrap.console.ConsoleSearchListener;
import org.snas4j.bootstrap.console.ConsoleStudyListener;
import org.snas4j.bootstrap.console.ConsoleSweepListener;

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
    static ReportRunsUseCase report(RunArchive archive, TrainingEventLog events, ReportWriter writer) {
        return new ReportService(archive, events, writer);
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

    @Provides
    @Singleton
    static BenchmarkUseCase benchmark(BenchmarkNetworks networks, DenseMatmulProbe matmul, HostMetrics host) {
        return new BenchmarkService(networks, matmul, host);
    }
}
