package org.snas4j.application.service.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snas4j.application.InvalidInputException;
import org.snas4j.application.port.out.data.ImageDataset;
import org.snas4j.application.port.out.data.TestImages;

class TrainValidationSplitTest {

    private static Set<Integer> identities(ImageDataset data) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < data.size(); i++) {
            assertTrue(ids.add(TestImages.identity(data, i)), "image appears twice");
        }
        return ids;
    }

    private static int[] histogram(ImageDataset data) {
        int[] counts = new int[data.classes()];
        for (int i = 0; i < data.size(); i++) {
            counts[data.label(i)]++;
        }
        return counts;
    }

    @Test
    void partsAreDisjointAndCoverTheTrainingSet() {
        ImageDataset data = TestImages.identifiable(1000, 2, 2, 1, 10);
        TrainValidationSplit split = TrainValidationSplit.stratified(data, 0.25, 5);

        Set<Integer> train = identities(split.train());
        Set<Integer> validation = identities(split.validation());
        assertEquals(750, train.size());
        assertEquals(250, validation.size());
        Set<Integer> union = new HashSet<>(train);
        union.addAll(validation);
        assertEquals(1000, union.size(), "disjoint parts covering every image");
        for (int i = 0; i < split.train().size(); i++) {
            assertEquals(TestImages.identity(split.train(), i) % 10, split.train().label(i), "labels travel with their images");
        }
    }

    @Test
    void everyClassContributesItsShare() {
        // Unbalanced: image i has label i % 7 over 1003 images (classes of 144 or 143 images).
        ImageDataset data = TestImages.identifiable(1003, 2, 2, 1, 7);
        TrainValidationSplit split = TrainValidationSplit.stratified(data, 0.3, 1);
        int[] all = histogram(data);
        int[] validation = histogram(split.validation());
        assertEquals(Math.round(0.3 * 1003), split.validation().size());
        for (int c = 0; c < 7; c++) {
            double exact = 0.3 * all[c];
            assertTrue(validation[c] == Math.floor(exact) || validation[c] == Math.ceil(exact),
                    "class " + c + ": " + validation[c] + " of " + all[c]);
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        ImageDataset data = TestImages.identifiable(300, 2, 2, 1, 3);
        TrainValidationSplit first = TrainValidationSplit.stratified(data, 0.5, 9);
        assertEquals(first.validation().fingerprint(), TrainValidationSplit.stratified(data, 0.5, 9).validation().fingerprint());
        assertNotEquals(first.validation().fingerprint(), TrainValidationSplit.stratified(data, 0.5, 10).validation().fingerprint());
    }

    @Test
    void refusesFractionsThatLeaveAPartEmpty() {
        ImageDataset data = TestImages.identifiable(10, 2, 2, 1, 2);
        for (double fraction : new double[] {0, 1, -0.1, Double.NaN, 0.01, 0.99}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> TrainValidationSplit.stratified(data, fraction, 1));
            assertEquals("validationFraction", e.source());
        }
    }
}
