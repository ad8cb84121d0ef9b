package org.snas4j.application.service.data;

import java.util.Arrays;

/** The deterministic pixel operations behind {@link Augmentation}; the random draws happen in the caller. */
public final class ImageTransforms {

    private ImageTransforms() {
    }

    /**
     * Crops an {@code height x width} window from the image zero-padded by {@code padding} on every
     * side, starting at ({@code offsetY}, {@code offsetX}) of the padded image (each in
     * 0..2*padding), then optionally mirrors it left-right. Pixels are HWC bytes.
     * With offsets equal to {@code padding} and no flip it copies the image unchanged.
     */
    public static void padCropFlip(byte[] source, int sourceOffset, int height, int width, int channels, int padding,
                                   int offsetY, int offsetX, boolean flip, byte[] target, int targetOffset) {
        if (offsetY < 0 || offsetY > 2 * padding || offsetX < 0 || offsetX > 2 * padding) {
            throw new IllegalArgumentException("crop offset (" + offsetY + ", " + offsetX + ") outside 0.." + 2 * padding);
        }
        int rowLength = width * channels;
        for (int y = 0; y < height; y++) {
            int sourceY = y + offsetY - padding;
            int targetRow = targetOffset + y * rowLength;
            if (sourceY < 0 || sourceY >= height) {
                Arrays.fill(target, targetRow, targetRow + rowLength, (byte) 0);
                continue;
            }
            for (int x = 0; x < width; x++) {
                int sourceX = (flip ? width - 1 - x : x) + offsetX - padding;
                int targetPixel = targetRow + x * channels;
                if (sourceX < 0 || sourceX >= width) {
                    Arrays.fill(target, targetPixel, targetPixel + channels, (byte) 0);
                } else {
                    System.arraycopy(source, sourceOffset + (sourceY * width + sourceX) * channels, target, targetPixel, channels);
                }
            }
        }
    }

    /**
     * Zeroes the {@code length x length} square whose top-left corner is
     * (centerY - length/2, centerX - length/2), clipped at the image borders, in every channel of an
     * HWC float image. The centre may be any pixel, so squares near a border are partly outside.
     */
    public static void cutout(float[] image, int offset, int height, int width, int channels, int centerY, int centerX, int length) {
        int top = centerY - length / 2;
        int left = centerX - length / 2;
        int fromY = Math.max(0, top);
        int toY = Math.min(height, top + length);
        int fromX = Math.max(0, left);
        int toX = Math.min(width, left + length);
        for (int y = fromY; y < toY; y++) {
            if (fromX < toX) {
                int rowStart = offset + (y * width + fromX) * channels;
                Arrays.fill(image, rowStart, rowStart + (toX - fromX) * channels, 0f);
            }
        }
    }
}
