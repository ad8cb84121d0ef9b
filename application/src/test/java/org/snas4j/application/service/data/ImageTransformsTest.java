package org.snas4j.application.service.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageTransformsTest {

    /** 3x3 grayscale, row-major 1..9. */
    private static final byte[] DIGITS = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    private static byte[] padCropFlip(byte[] image, int height, int width, int channels, int padding, int offsetY, int offsetX, boolean flip) {
        byte[] target = new byte[image.length];
        Arrays.fill(target, (byte) -1);
        ImageTransforms.padCropFlip(image, 0, height, width, channels, padding, offsetY, offsetX, flip, target, 0);
        return target;
    }

    @Test
    void centredCropWithoutFlipIsTheIdentity() {
        assertArrayEquals(DIGITS, padCropFlip(DIGITS, 3, 3, 1, 4, 4, 4, false));
    }

    @Test
    void cropFromTheTopLeftCornerShiftsTheImageDownRightAndFillsWithZeros() {
        assertArrayEquals(new byte[] {0, 0, 0, 0, 1, 2, 0, 4, 5}, padCropFlip(DIGITS, 3, 3, 1, 1, 0, 0, false));
    }

    @Test
    void cropFromTheBottomRightShiftsUpLeft() {
        assertArrayEquals(new byte[] {9, 0, 0, 0, 0, 0, 0, 0, 0}, padCropFlip(DIGITS, 3, 3, 1, 2, 4, 4, false));
    }

    @Test
    void flipMirrorsEachRow() {
        assertArrayEquals(new byte[] {3, 2, 1, 6, 5, 4, 9, 8, 7}, padCropFlip(DIGITS, 3, 3, 1, 0, 0, 0, true));
    }

    @Test
    void flipAppliesToTheCroppedImage() {
        // crop(pad 1, offset (1, 0)) = rows unchanged, shifted right: [0 1 2 / 0 4 5 / 0 7 8]; then mirrored.
        assertArrayEquals(new byte[] {2, 1, 0, 5, 4, 0, 8, 7, 0}, padCropFlip(DIGITS, 3, 3, 1, 1, 1, 0, true));
    }

    @Test
    void channelsOfAPixelMoveTogether() {
        // 1x2 image with 3 channels: pixel A = (1,2,3), pixel B = (4,5,6).
        byte[] image = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new byte[] {4, 5, 6, 1, 2, 3}, padCropFlip(image, 1, 2, 3, 0, 0, 0, true));
        assertArrayEquals(new byte[] {0, 0, 0, 1, 2, 3}, padCropFlip(image, 1, 2, 3, 1, 1, 0, false));
    }

    @ParameterizedTest(name = "L={5} at ({3},{4}) of {0}x{1}")
    @CsvSource({
            // height, width, channels, centerY, centerX, length
            "5, 5, 1, 2, 2, 2",
            "5, 5, 1, 2, 2, 3",
            "5, 5, 2, 0, 0, 3",
            "5, 7, 1, 4, 6, 4",
            "6, 4, 3, 5, 0, 16",
            "4, 4, 1, 3, 3, 1",
    })
    void cutoutZeroesExactlyTheClippedSquare(int height, int width, int channels, int centerY, int centerX, int length) {
        float[] image = new float[2 + height * width * channels + 2];
        Arrays.fill(image, 7f);
        ImageTransforms.cutout(image, 2, height, width, channels, centerY, centerX, length);

        int top = centerY - length / 2;
        int left = centerX - length / 2;
        int zeroed = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean inside = y >= top && y < top + length && x >= left && x < left + length;
                for (int c = 0; c < channels; c++) {
                    float value = image[2 + (y * width + x) * channels + c];
                    assertEquals(inside ? 0f : 7f, value, "pixel (" + y + ", " + x + ", " + c + ")");
                    zeroed += value == 0f ? 1 : 0;
                }
            }
        }
        int clippedRows = Math.min(height, top + length) - Math.max(0, top);
        int clippedColumns = Math.min(width, left + length) - Math.max(0, left);
        assertEquals(clippedRows * clippedColumns * channels, zeroed);
        assertEquals(7f, image[0]);
        assertEquals(7f, image[1]);
        assertEquals(7f, image[image.length - 1], "nothing outside the image is written");
    }

    @Test
    void cutoutAwayFromBordersZeroesAFullSquare() {
        float[] image = new float[10 * 10];
        Arrays.fill(image, 1f);
        ImageTransforms.cutout(image, 0, 10, 10, 1, 5, 5, 4);
        int zeros = 0;
        for (float v : image) {
            zeros += v == 0f ? 1 : 0;
        }
        assertEquals(16, zeros);
        assertEquals(0f, image[3 * 10 + 3]);
        assertEquals(0f, image[6 * 10 + 6]);
        assertEquals(1f, image[7 * 10 + 7]);
        assertEquals(1f, image[2 * 10 + 3]);
    }
}
