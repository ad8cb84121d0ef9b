package org.snas4j.application.service.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.in.predict.ConfusionMatrix;
import org.snas4j.application.port.in.predict.Prediction;
import org.snas4j.application.port.in.predict.Predictions;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.data.ImageFileReader;
import org.snas4j.application.port.out.data.ImageFit;
import org.snas4j.application.port.out.data.ImageFolderOptions;
import org.snas4j.application.port.out.data.ImageFolderSource;
import org.snas4j.application.port.out.device.Device;
import org.snas4j.application.port.out.serving.ServedModel;
import org.snas4j.application.port.out.serving.ServedModelLoader;

/** Prediction against a mocked model and reader: channel conversion, argmax, labels, refusals. */
class PredictServiceTest {

    static final Path MODEL = Path.of("model");
    static final Path FILE = Path.of("images");

    private ServedModel model(int channels) {
        ServedModel model = mock(ServedModel.class);
        when(model.height()).thenReturn(1);
        when(model.width()).thenReturn(2);
        when(model.channels()).thenReturn(channels);
        when(model.classes()).thenReturn(3);
        when(model.classNames()).thenReturn(List.of("ant", "bee", "cow"));
        when(model.imageFit()).thenReturn(ImageFit.RESIZE);
        when(model.probabilities(any(), anyInt())).thenAnswer(call -> {
            int count = call.getArgument(1);
            float[] p = new float[count * 3];
            for (int i = 0; i < count; i++) {
                p[i * 3 + (i % 3)] = 0.7f;
                p[i * 3 + ((i + 1) % 3)] = 0.3f;
            }
            return p;
        });
        return model;
    }

    private final ImageFolderSource folders = mock(ImageFolderSource.class);

    /** A grey 1x1 model: folders are read as square pictures. */
    private ServedModel squareModel() {
        ServedModel model = model(1);
        when(model.width()).thenReturn(1);
        return model;
    }

    private PredictService service(ServedModel model, ImageFileReader.Images images) {
        ServedModelLoader loader = mock(ServedModelLoader.class);
        when(loader.load(MODEL, Device.CPU, 0)).thenReturn(model);
        ImageFileReader reader = mock(ImageFileReader.class);
        when(reader.read(FILE)).thenReturn(images);
        return new PredictService(loader, reader, folders);
    }

    @Test
    void colourPixelsBecomeLumaForAGrayscaleModelAndLabelsComeAlong() {
        ServedModel model = model(1);
        ImageFileReader.Images images = new ImageFileReader.Images(2, 1, 2, 3,
                new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 10, 10, 10}, Optional.of(new int[] {0, 2}));
        Predictions predictions = service(model, images).predict(MODEL, FILE, 0, Device.CPU, 0);
        ArgumentCaptor<float[]> raw = ArgumentCaptor.forClass(float[].class);
        verify(model).probabilities(raw.capture(), org.mockito.ArgumentMatchers.eq(2));
        assertArrayEquals(new float[] {0.299f * 255, 0.587f * 255, 0.114f * 255, 10f}, raw.getValue(), 1e-3f);
        assertEquals(List.of(new Prediction(0, "0", 0, 0.7f, OptionalInt.of(0)), new Prediction(1, "1", 1, 0.7f, OptionalInt.of(2))),
                predictions.items());
        assertEquals(List.of("ant", "bee", "cow"), predictions.classNames());
        ConfusionMatrix confusion = predictions.confusion().orElseThrow();
        assertEquals(1, confusion.count(0, 0));
        assertEquals(1, confusion.count(2, 1));
        assertEquals(0.5, confusion.accuracy());
        assertEquals(0.0, confusion.recall(2));
        assertEquals(Double.NaN, confusion.recall(1));
        verify(model).close();
    }

    @Test
    void grayscaleRepeatsInEveryChannelAndTheLimitCuts() {
        ServedModel model = model(3);
        ImageFileReader.Images images = new ImageFileReader.Images(3, 1, 2, 1, new byte[] {1, 2, 3, 4, 5, 6}, Optional.empty());
        Predictions predictions = service(model, images).predict(MODEL, FILE, 1, Device.CPU, 0);
        ArgumentCaptor<float[]> raw = ArgumentCaptor.forClass(float[].class);
        verify(model).probabilities(raw.capture(), org.mockito.ArgumentMatchers.eq(1));
        assertArrayEquals(new float[] {1, 1, 1, 2, 2, 2}, raw.getValue());
        assertEquals(1, predictions.items().size());
        assertEquals(OptionalInt.empty(), predictions.items().get(0).label());
        assertEquals(java.util.Optional.empty(), predictions.confusion(), "no labels, no confusion matrix");
    }

    @Test
    void imagesOfAnotherSizeAreRefused() {
        ImageFileReader.Images images = new ImageFileReader.Images(1, 2, 2, 1, new byte[4], Optional.empty());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service(model(1), images).predict(MODEL, FILE, 0, Device.CPU, 0));
        assertEquals(FILE.toString(), e.source());
    }

    @Test
    void theModelRunsWhereAndHowWideItIsAskedAndANegativeThreadCountIsRefusedBeforeLoading() {
        ServedModelLoader loader = mock(ServedModelLoader.class);
        ServedModel model = model(1);
        when(loader.load(MODEL, Device.GPU, 3)).thenReturn(model);
        ImageFileReader reader = mock(ImageFileReader.class);
        when(reader.read(FILE)).thenReturn(new ImageFileReader.Images(1, 1, 2, 1, new byte[2], Optional.empty()));
        PredictService service = new PredictService(loader, reader, folders);

        assertEquals(1, service.predict(MODEL, FILE, 0, Device.GPU, 3).items().size());
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> service.predict(MODEL, FILE, 0, Device.CPU, -1));
        assertEquals("threads", e.setting());
        verify(loader, times(1)).load(any(), any(), anyInt());
    }

    @Test
    void aFolderIsReadAtTheModelsSizeAndItsClassFoldersAreMatchedToTheModelsClassesByName() {
        ServedModel model = squareModel();
        // Folder classes sorted: bee (label 0), cow (label 1); the model's: ant, bee, cow.
        ImageDataset pictures = new ImageDataset("folder f", 1, 1, 1, List.of("bee", "cow"), new byte[] {1, 2, 3}, new int[] {0, 1, 1});
        ArgumentCaptor<ImageFolderOptions> options = ArgumentCaptor.forClass(ImageFolderOptions.class);
        when(folders.readAll(org.mockito.ArgumentMatchers.eq(FILE), options.capture()))
                .thenReturn(new ImageFolderSource.FolderImages(pictures, List.of("bee/1.png", "cow/1.png", "cow/2.png")));
        Predictions predictions = service(model, null).predictFolder(MODEL, FILE, true, 0, Device.CPU, 0);

        assertEquals(1, options.getValue().inputSize(), "the model's size");
        assertEquals(1, options.getValue().inputChannels());
        assertEquals(ImageFit.RESIZE, options.getValue().fit(), "as the model was trained");
        assertEquals(true, options.getValue().skipBadImages());
        assertEquals(List.of("bee/1.png", "cow/1.png", "cow/2.png"), predictions.items().stream().map(Prediction::image).toList());
        assertEquals(List.of(OptionalInt.of(1), OptionalInt.of(2), OptionalInt.of(2)),
                predictions.items().stream().map(Prediction::label).toList(), "labels as the model's class indices");
        assertEquals(3, predictions.confusion().orElseThrow().total());
    }

    @Test
    void aFolderClassTheModelDoesNotKnowIsRefusedNamingIt() {
        ImageDataset pictures = new ImageDataset("folder f", 1, 1, 1, List.of("ant", "yak"), new byte[2], new int[] {0, 1});
        when(folders.readAll(any(), any())).thenReturn(new ImageFolderSource.FolderImages(pictures, List.of("ant/1", "yak/1")));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> service(squareModel(), null).predictFolder(MODEL, FILE, false, 0, Device.CPU, 0));
        assertEquals(FILE.resolve("yak").toString(), e.source());
    }
}
