package org.snas4j.bootstrap.wiring;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import org.snas4j.adapter.storage.dataset.FileDatasetSource;
import org.snas4j.adapter.storage.dataset.ImageFiles;
import org.snas4j.adapter.storage.dataset.folder.ImageFolderLoader;
import org.snas4j.adapter.storage.genotype.ProtobufGenotypeRepository;
import org.snas4j.adapter.storage.host.ProcfsHostMetrics;
import org.snas4j.adapter.storage.report.FileRunArchive;
import org.snas4j.adapter.storage.report.HtmlReportWriter;
import org.snas4j.adapter.storage.report.JFreeChartStudyChartWriter;
import org.snas4j.adapter.storage.report.JFreeChartSweepChartWriter;
import org.snas4j.adapter.storage.retrain.FileChildRunDirectoryFactory;
import org.snas4j.adapter.storage.search.FileRunDirectoryFactory;
import org.snas4j.adapter.storage.study.FileStudyFiles;
import org.snas4j.adapter.storage.sweep.FileSweepFiles;
import org.snas4j.adapter.tensorflow.bench.TensorFlowBenchmarkNetworks;
import org.snas4j.adapter.tensorflow.bench.TensorFlowMatmulProbe;
import org.snas4j.adapter.tensorflow.child.SavedModelExporter;
import org.snas4j.adapter.tensorflow.child.SavedModelLoader;
import org.snas4j.adapter.tensorflow.child.TensorFlowChildTrainerFactory;
import org.snas4j.adapter.tensorflow.device.TensorFlowDevices;
import org.snas4j.adapter.tensorflow.events.TensorBoardEventLog;
import org.snas4j.adapter.tensorflow.supernet.TensorFlowSupernetTrainerFactory;
import org.snas4j.bootstrap.console.QuietNativeStartup;
import org.snas4j.application.port.out.bench.BenchmarkNetworks;
import org.snas4j.application.port.out.bench.ExecutionOptions;
import org.snas4j.application.port.out.bench.OpTimeRecorder;
import org.snas4j.application.port.out.bench.DenseMatmulProbe;
import org.snas4j.application.port.out.bench.HostMetrics;
import org.snas4j.application.port.out.data.DatasetSource;
import org.snas4j.application.port.out.data.ImageFileReader;
import org.snas4j.application.port.out.data.ImageFolderSource;
import org.snas4j.application.port.out.device.DeviceAvailability;
import org.snas4j.application.port.out.events.TrainingEventLog;
import org.snas4j.application.port.out.report.ReportWriter;
import org.snas4j.application.port.out.report.RunArchive;
import org.snas4j.application.port.out.report.StudyChartWriter;
import org.snas4j.application.port.out.serving.ModelExporter;
import org.snas4j.application.port.out.serving.ServedModelLoader;
import org.snas4j.application.port.out.storage.ChildRunDirectoryFactory;
import org.snas4j.application.port.out.storage.GenotypeRepository;
import org.snas4j.application.port.out.storage.RunDirectoryFactory;
import org.snas4j.application.port.out.storage.StudyFiles;
import org.snas4j.application.port.out.training.ChildNetworkConfig;
import org.snas4j.application.port.out.training.ChildNetworkTrainer;
import org.snas4j.application.port.out.training.ChildNetworkTrainerFactory;
import org.snas4j.application.port.out.training.SupernetConfig;
import org.snas4j.application.port.out.training.SupernetTrainer;
import org.snas4j.application.port.out.training.SupernetTrainerFactory;
import org.snas4j.application.port.out.trial.SweepChartWriter;
import org.snas4j.application.port.out.trial.SweepFiles;

/**
 * The production adapters behind each outbound port. Whatever builds a TensorFlow network runs inside
 * {@link QuietNativeStartup#call}: building the gradients logs one native notice per custom-gradient op
 * (TensorFlow Java's "Calling Java gradient function", once per 5x5 depthwise convolution), which are
 * hidden as the start-up notices are.
 */
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
        ChildNetworkTrainerFactory tensorFlow = new TensorFlowChildTrainerFactory();
        return config -> QuietNativeStartup.call(() -> tensorFlow.create(config));
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
        SupernetTrainerFactory tensorFlow = new TensorFlowSupernetTrainerFactory();
        return config -> QuietNativeStartup.call(() -> tensorFlow.create(config));
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
    static RunArchive runArchive() {
        return new FileRunArchive();
    }

    @Provides
    @Singleton
    static ReportWriter reportWriter() {
        return new HtmlReportWriter();
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
    static BenchmarkNetworks benchmarkNetworks() {
        BenchmarkNetworks tensorFlow = new TensorFlowBenchmarkNetworks();
        return new BenchmarkNetworks() {
            @Override
            public SupernetTrainer supernet(SupernetConfig config, ExecutionOptions options, OpTimeRecorder recorder) {
                return QuietNativeStartup.call(() -> tensorFlow.supernet(config, options, recorder));
            }

            @Override
            public ChildNetworkTrainer child(ChildNetworkConfig config, ExecutionOptions options, OpTimeRecorder recorder) {
                return QuietNativeStartup.call(() -> tensorFlow.child(config, options, recorder));
            }

            @Override
            public String kernels() {
                return tensorFlow.kernels();
            }
        };
    }

    @Provides
    @Singleton
    static SweepChartWriter sweepChartWriter() {
        return new JFreeChartSweepChartWriter();
    }

    @Provides
    @Singleton
    static DenseMatmulProbe denseMatmulProbe() {
        return new TensorFlowMatmulProbe();
    }

    @Provides
    @Singleton
    static HostMetrics hostMetrics() {
        return new ProcfsHostMetrics();
    }
}
