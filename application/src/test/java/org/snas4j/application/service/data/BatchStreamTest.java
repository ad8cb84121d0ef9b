package org.snas4j.application.service.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.in.retrain.RandomTransforms;
import org.snas4j.application.port.out.data.Batch;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.data.Normalization;
import org.snas4j.application.port.out.data.TestImages;

class BatchStreamTest {

    private final ImageDataset gray = TestImages.identifiable(10, 4, 4, 1, 3);
    private final ImageDataset color = TestImages.identifiable(12, 5, 5, 3, 4);

    private static List<Batch> all(Iterator<Batch> batches) {
        List<Batch> list = new ArrayList<>();
        batches.forEachRemaining(list::add);
        return list;
    }

    private static void assertSameBatches(List<Batch> expected, List<Batch> actual) {
        assertEquals(expected.size(), actual.size());
        for (int b = 0; b < expected.size(); b++) {
            assertArrayEquals(expected.get(b).images(), actual.get(b).images(), "images of batch " + b);
            assertArrayEquals(expected.get(b).labels(), actual.get(b).labels(), "labels of batch " + b);
        }
    }

    /** Normalised copy of one image as the stream builds it without augmentation. */
    private static float[] normalised(ImageDataset data, Normalization normalization, int image) {
        byte[] raw = new byte[data.imageSize()];
        data.copyImage(image, raw, 0);
        float[] values = new float[raw.length];
        normalization.apply(raw, 0, values, 0, raw.length);
        return values;
    }

    private static float[] slice(Batch batch, int index) {
        int imageSize = batch.height() * batch.width() * batch.channels();
        return Arrays.copyOfRange(batch.images(), index * imageSize, (index + 1) * imageSize);
    }

    @Test
    void trainingDropsTheLastPartialBatchAndVisitsDistinctImages() {
        Normalization normalization = Normalization.of(gray);
        BatchStream stream = BatchStream.training(gray, 4, normalization, Augmentation.none(), 42);
        List<Batch> batches = all(stream.epoch(0));

        assertEquals(2, stream.batchesPerEpoch());
        assertEquals(2, batches.size());
        int[] order = stream.order(0);
        Set<Integer> seen = new HashSet<>();
        for (int b = 0; b < batches.size(); b++) {
            Batch batch = batches.get(b);
            assertEquals(4, batch.size());
            for (int i = 0; i < batch.size(); i++) {
                int image = order[b * 4 + i];
                assertArrayEquals(normalised(gray, normalization, image), slice(batch, i), "batch " + b + " slot " + i);
                assertEquals(gray.label(image), batch.labels()[i]);
                assertTrue(seen.add(image));
            }
        }
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted, "an epoch's order is a permutation");
    }

    @Test
    void evaluationKeepsDatasetOrderAndTheLastPartialBatch() {
        Normalization normalization = Normalization.of(gray);
        List<Batch> batches = all(BatchStream.evaluation(gray, 4, normalization).epoch(0));

        assertEquals(List.of(4, 4, 2), batches.stream().map(Batch::size).toList());
        for (int image = 0; image < gray.size(); image++) {
            Batch batch = batches.get(image / 4);
            assertArrayEquals(normalised(gray, normalization, image), slice(batch, image % 4));
            assertEquals(gray.label(image), batch.labels()[image % 4]);
        }
    }

    @Test
    void sameSeedGivesSameBatchesAndOtherSeedsOrEpochsDiffer() {
        Normalization normalization = Normalization.of(color);
        Augmentation augmentation = Augmentation.cropAndFlip().withCutout(2);
        BatchStream first = BatchStream.training(color, 3, normalization, augmentation, 7);
        BatchStream again = BatchStream.training(color, 3, normalization, augmentation, 7);
        BatchStream other = BatchStream.training(color, 3, normalization, augmentation, 8);

        assertSameBatches(all(first.epoch(2)), all(again.epoch(2)));
        assertFalse(Arrays.equals(first.order(0), first.order(1)), "every epoch has its own shuffle");
        assertFalse(Arrays.equals(first.order(0), other.order(0)), "the seed decides the shuffle");
        assertFalse(Arrays.equals(first.batch(0, 0).images(), other.batch(0, 0).images()));
    }

    @Test
    void resumingMidEpochYieldsTheRemainingBatchesOfAnUninterruptedEpoch() {
        BatchStream stream = BatchStream.training(color, 3, Normalization.of(color), Augmentation.cropAndFlip().withCutout(3), 99);
        List<Batch> whole = all(stream.epoch(5));
        List<Batch> resumed = all(stream.epoch(5, 2));

        assertSameBatches(whole.subList(2, whole.size()), resumed);
        assertSameBatches(List.of(whole.get(1)), List.of(stream.batch(5, 1)));
    }

    @Test
    void theFirstBatchesOfAnEpochAreThoseItStartsWith() {
        BatchStream stream = BatchStream.training(color, 3, Normalization.of(color), Augmentation.cropAndFlip().withCutout(3), 99);
        List<Batch> whole = all(stream.epoch(4));

        assertSameBatches(whole.subList(0, 2), all(stream.firstBatches(4, 2).iterator()));
        assertSameBatches(whole.subList(0, 2), all(stream.firstBatches(4, 2).iterator()));
        assertSameBatches(whole, all(stream.firstBatches(4, whole.size() + 5).iterator()));
        assertSameBatches(List.of(), all(stream.firstBatches(4, 0).iterator()));
    }

    @Test
    void everyAugmentedImageIsAPaddedCropOrFlipOfItsSource() {
        Normalization normalization = Normalization.of(color);
        BatchStream stream = BatchStream.training(color, 4, normalization, Augmentation.cropAndFlip(), 3);
        int[] order = stream.order(1);
        int padding = Augmentation.STANDARD_CROP_PADDING;
        Set<String> transformsSeen = new HashSet<>();
        List<Batch> batches = all(stream.epoch(1));
        for (int b = 0; b < batches.size(); b++) {
            for (int i = 0; i < 4; i++) {
                int image = order[b * 4 + i];
                byte[] raw = new byte[color.imageSize()];
                color.copyImage(image, raw, 0);
                float[] actual = slice(batches.get(b), i);
                String match = null;
                for (int dy = 0; dy <= 2 * padding && match == null; dy++) {
                    for (int dx = 0; dx <= 2 * padding && match == null; dx++) {
                        for (boolean flip : new boolean[] {false, true}) {
                            byte[] expected = new byte[raw.length];
                            ImageTransforms.padCropFlip(raw, 0, 5, 5, 3, padding, dy, dx, flip, expected, 0);
                            float[] expectedValues = new float[raw.length];
                            normalization.apply(expected, 0, expectedValues, 0, raw.length);
                            if (Arrays.equals(expectedValues, actual)) {
                                match = dy + "," + dx + "," + flip;
                                break;
                            }
                        }
                    }
                }
                assertTrue(match != null, "image " + image + " in batch " + b + " is no crop/flip of its source");
                transformsSeen.add(match);
            }
        }
        assertTrue(transformsSeen.size() > 3, "crops vary between images: " + transformsSeen);
    }

    @Test
    void cutoutZeroesASquareOfEachTrainingImage() {
        Normalization normalization = Normalization.of(gray);
        BatchStream stream = BatchStream.training(gray, 5, normalization, Augmentation.none().withCutout(2), 11);
        Batch batch = stream.batch(0, 0);
        int[] order = stream.order(0);
        for (int i = 0; i < batch.size(); i++) {
            float[] clean = normalised(gray, normalization, order[i]);
            float[] cut = slice(batch, i);
            int changed = 0;
            for (int p = 0; p < clean.length; p++) {
                if (cut[p] != clean[p]) {
                    assertEquals(0f, cut[p]);
                    changed++;
                }
            }
            assertTrue(changed >= 1 && changed <= 4, "at most a 2x2 square is cut, got " + changed);
        }
    }

    @Test
    void evaluationIsNeverAugmentedAndTrainingNeedsOneFullBatch() {
        assertEquals(3, BatchStream.evaluation(gray, 4, Normalization.of(gray)).batchesPerEpoch());
        InvalidInputException tooBig = assertThrows(InvalidInputException.class,
                () -> BatchStream.training(gray, 11, Normalization.of(gray), Augmentation.none(), 1));
        assertTrue(tooBig.getMessage().contains("batch size 11 exceeds the 10 images"), tooBig.getMessage());
    }

    @Test
    void grayscaleDatasetsAreNotAugmentedByDefaultColourOnesAre() {
        assertTrue(Augmentation.defaultFor(gray).isIdentity());
        assertEquals(Augmentation.cropAndFlip(), Augmentation.defaultFor(color));
    }

    @Test
    void aChosenTransformAppliesToGreyAndColourImagesAlike() {
        for (ImageDataset data : List.of(gray, color)) {
            assertEquals(Augmentation.defaultFor(data), Augmentation.of(RandomTransforms.AUTO, data));
            assertTrue(Augmentation.of(RandomTransforms.NONE, data).isIdentity());
            assertEquals(new Augmentation(Augmentation.STANDARD_CROP_PADDING, false, 0), Augmentation.of(RandomTransforms.CROP, data));
            assertEquals(new Augmentation(0, true, 0), Augmentation.of(RandomTransforms.FLIP, data));
            assertEquals(Augmentation.cropAndFlip(), Augmentation.of(RandomTransforms.CROP_FLIP, data));
        }
    }
}
