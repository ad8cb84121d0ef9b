package org.snas4j.application.service.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.DatasetSplits;
import org.snas4j.application.port.out.data.ImageDataset;

class NetworkInputsTest {

    @Test
    void takesTheFirstImagesUpToTheLimit() {
        DatasetSplits splits = new DatasetSplits(images("train", 8, 8, 10), images("test", 8, 8, 2));

        ImageDataset limited = NetworkInputs.trainingImages(splits, 4);

        assertEquals(4, limited.size());
        assertEquals("train (first 4)", limited.name());
        assertEquals(splits.train().label(3), limited.label(3));
        assertEquals(10, NetworkInputs.trainingImages(splits, 0).size());
        assertEquals(10, NetworkInputs.trainingImages(splits, 50).size());
    }

    @Test
    void refusesNonSquareImagesNamingTheDataset() {
        DatasetSplits splits = new DatasetSplits(images("wide", 8, 12, 3), images("wide test", 8, 12, 1));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetworkInputs.trainingImages(splits, 0));

        assertEquals("wide", e.source());
    }

    @Test
    void buildsTheShapeFromTheImagesAndNamesLayersWhenImpossible() {
        ImageDataset images = images("train", 8, 8, 2);

        assertEquals(8, NetworkInputs.shape(3, 4, images).inputSize());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> NetworkInputs.shape(3, 4, images("odd", 6, 6, 2)));
        assertEquals("layers", e.source());
    }

    private static ImageDataset images(String name, int height, int width, int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 2;
        }
        return new ImageDataset(name, height, width, 1, 2, new byte[count * height * width], labels);
    }
}
