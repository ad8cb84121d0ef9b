package org.snas4j.application.service.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.predict.Prediction;
import org.snas4j.application.port.out.data.ImageFileReader;
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

    private PredictService service(ServedModel model, ImageFileReader.Images images) {
        ServedModelLoader loader = mock(ServedModelLoader.class);
        when(loader.load(MODEL)).thenReturn(model);
        ImageFileReader reader = mock(ImageFileReader.class);
        when(reader.read(FILE)).thenReturn(images);
        return new PredictService(loader, reader);
    }

    @Test
    void colourPixelsBecomeLumaForAGrayscaleModelAndLabelsComeAlong() {
        ServedModel model = model(1);
        ImageFileReader.Images images = new ImageFileReader.Images(2, 1, 2, 3,
                new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 10, 10, 10}, Optional.of(new int[] {0, 2}));
        List<Prediction> predictions = service(model, images).predict(MODEL, FILE, 0);
        ArgumentCaptor<float[]> raw = ArgumentCaptor.forClass(float[].class);
        verify(model).probabilities(raw.capture(), org.mockito.ArgumentMatchers.eq(2));
        assertArrayEquals(new float[] {0.299f * 255, 0.587f * 255, 0.114f * 255, 10f}, raw.getValue(), 1e-3f);
        assertEquals(List.of(new Prediction(0, 0, 0.7f, OptionalInt.of(0)), new Prediction(1, 1, 0.7f, OptionalInt.of(2))), predictions);
        verify(model).close();
    }

    @Test
    void grayscaleRepeatsInEveryChannelAndTheLimitCuts() {
        ServedModel model = model(3);
        ImageFileReader.Images images = new ImageFileReader.Images(3, 1, 2, 1, new byte[] {1, 2, 3, 4, 5, 6}, Optional.empty());
        List<Prediction> predictions = service(model, images).predict(MODEL, FILE, 1);
        ArgumentCaptor<float[]> raw = ArgumentCaptor.forClass(float[].class);
        verify(model).probabilities(raw.capture(), org.mockito.ArgumentMatchers.eq(1));
        assertArrayEquals(new float[] {1, 1, 1, 2, 2, 2}, raw.getValue());
        assertEquals(1, predictions.size());
        assertEquals(OptionalInt.empty(), predictions.get(0).label());
    }

    @Test
    void imagesOfAnotherSizeAreRefused() {
        ImageFileReader.Images images = new ImageFileReader.Images(1, 2, 2, 1, new byte[4], Optional.empty());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> service(model(1), images).predict(MODEL, FILE, 0));
        assertEquals(FILE.toString(), e.source());
    }
}
