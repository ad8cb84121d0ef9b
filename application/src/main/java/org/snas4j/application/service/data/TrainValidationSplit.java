package org.snas4j.application.service.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import org.snas4j.application.InvalidSettingException;
import org.snas4j.application.port.out.data.ImageDataset;

/**
 * A seeded, class-stratified hold-out of part of the TRAINING set, used to validate architectures
 * during search; the test set is never touched (the SNAS authors validated on the CIFAR-10 test set,
 * a defect this avoids). Each class contributes its share of the validation images, so the label
 * histograms of both parts follow the training set's. Both parts keep the original image order.
 */
public record TrainValidationSplit(ImageDataset train, ImageDataset validation) {

    public TrainValidationSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
    }

    /**
     * Holds out round(fraction * size) images: floor(fraction * n_c) of every class c, and the
     * remaining few from the classes with the largest remainders (ties to the lower class index).
     *
     * @throws InvalidSettingException if the fraction is not in (0, 1) or leaves either part empty
     */
    public static TrainValidationSplit stratified(ImageDataset training, double validationFraction, long seed) {
        boolean[] held = stratifiedHoldOut(training, validationFraction, seed, "validationFraction");
        return new TrainValidationSplit(training.subset(training.name() + " (search-train part)", indices(held, false)),
                training.subset(training.name() + " (validation part)", indices(held, true)));
    }

    /**
     * Which images a seeded, class-stratified hold-out of {@code fraction} takes: round(fraction * size)
     * of them, floor(fraction * n_c) of every class c and the remaining few from the classes with the
     * largest remainders (ties to the lower class index).
     *
     * @param setting names the setting in refusals, as the configuration names it
     * @throws InvalidSettingException if the fraction is not in (0, 1) or leaves either part empty
     */
    public static boolean[] stratifiedHoldOut(ImageDataset data, double fraction, long seed, String setting) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new InvalidSettingException(setting, "must be strictly between 0 and 1, got " + fraction);
        }
        int total = data.size();
        int heldTotal = (int) Math.round(fraction * total);
        if (heldTotal < 1 || heldTotal > total - 1) {
            throw new InvalidSettingException(setting, fraction + " of " + total + " images leaves " + heldTotal
                    + " held out and " + (total - heldTotal) + " for training; both need at least one");
        }
        int[][] byClass = indicesByClass(data);
        int[] quota = quotas(byClass, fraction, heldTotal);
        boolean[] held = new boolean[total];
        SplittableRandom random = new SplittableRandom(Seeds.derive(seed, Seeds.SPLIT));
        for (int c = 0; c < byClass.length; c++) {
            int[] members = byClass[c];
            // Partial Fisher-Yates: the first quota[c] positions become a uniform random sample.
            for (int i = 0; i < quota[c]; i++) {
                int j = i + random.nextInt(members.length - i);
                int swap = members[i];
                members[i] = members[j];
                members[j] = swap;
                held[members[i]] = true;
            }
        }
        return held;
    }

    /** The positions where {@code mask} is {@code value}, in order. */
    public static int[] indices(boolean[] mask, boolean value) {
        int count = 0;
        for (boolean m : mask) {
            count += m == value ? 1 : 0;
        }
        int[] result = new int[count];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == value) {
                result[k++] = i;
            }
        }
        return result;
    }

    private static int[][] indicesByClass(ImageDataset data) {
        int[] counts = new int[data.classes()];
        for (int i = 0; i < data.size(); i++) {
            counts[data.label(i)]++;
        }
        int[][] byClass = new int[data.classes()][];
        for (int c = 0; c < counts.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < data.size(); i++) {
            int c = data.label(i);
            byClass[c][filled[c]++] = i;
        }
        return byClass;
    }

    /** Largest-remainder apportionment of {@code validationTotal} over the classes. */
    private static int[] quotas(int[][] byClass, double fraction, int validationTotal) {
        int classes = byClass.length;
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++) {
            double exact = fraction * byClass[c].length;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            assigned += quota[c];
        }
        Integer[] byRemainder = new Integer[classes];
        Arrays.setAll(byRemainder, c -> c);
        Arrays.sort(byRemainder, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
        // The floors sum to at most fraction * size, so only additions are needed; they end because
        // validationTotal < size leaves some class with room.
        for (int k = 0; assigned < validationTotal; k = (k + 1) % classes) {
            int c = byRemainder[k];
            if (quota[c] < byClass[c].length) {
                quota[c]++;
                assigned++;
            }
        }
        return quota;
    }
}
