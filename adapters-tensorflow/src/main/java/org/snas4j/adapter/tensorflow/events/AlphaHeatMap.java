package org.snas4j.adapter.tensorflow.events;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.snas4j.domain.space.CellTopology;
import org.snas4j.domain.space.EdgeOpMatrix;
import org.snas4j.domain.space.Operation;

/**
 * One cell's p_alpha as a PNG for TensorBoard's image dashboard: a row per edge, a column per op,
 * each square shaded by its probability and labelled with it, so the slider over the epochs shows
 * each edge's choice firming up.
 */
record AlphaHeatMap(int width, int height, byte[] png) {

    private static final int LABEL_WIDTH = 96;
    private static final int TITLE_HEIGHT = 22;
    private static final int HEADER_HEIGHT = 18;
    private static final int CELL_WIDTH = 64;
    private static final int CELL_HEIGHT = 20;
    private static final Color LOW = new Color(247, 251, 255);
    private static final Color HIGH = new Color(8, 48, 107);

    static AlphaHeatMap of(EdgeOpMatrix probabilities, String title) {
        int width = LABEL_WIDTH + Operation.COUNT * CELL_WIDTH;
        int height = TITLE_HEIGHT + HEADER_HEIGHT + CellTopology.EDGES * CELL_HEIGHT;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString(title, 4, 16);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            FontMetrics metrics = g.getFontMetrics();
            for (Operation op : Operation.all()) {
                String name = op.id().replace("_3x3", "3").replace("_5x5", "5").replace("_conv", "").replace("_connect", "");
                int x = LABEL_WIDTH + op.ordinal() * CELL_WIDTH + (CELL_WIDTH - metrics.stringWidth(name)) / 2;
                g.drawString(name, x, TITLE_HEIGHT + HEADER_HEIGHT - 5);
            }
            for (int edge = 0; edge < CellTopology.EDGES; edge++) {
                int y = TITLE_HEIGHT + HEADER_HEIGHT + edge * CELL_HEIGHT;
                g.setColor(Color.BLACK);
                g.drawString(CellTopology.edgeName(edge), 4, y + CELL_HEIGHT - 6);
                for (int op = 0; op < Operation.COUNT; op++) {
                    double p = probabilities.get(edge, op);
                    int x = LABEL_WIDTH + op * CELL_WIDTH;
                    g.setColor(shade(p));
                    g.fillRect(x, y, CELL_WIDTH - 1, CELL_HEIGHT - 1);
                    g.setColor(p > 0.5 ? Color.WHITE : Color.BLACK);
                    String label = String.format(Locale.ROOT, "%.3f", p);
                    g.drawString(label, x + (CELL_WIDTH - metrics.stringWidth(label)) / 2, y + CELL_HEIGHT - 6);
                }
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the alpha heat map as PNG", e);
        }
        return new AlphaHeatMap(width, height, png.toByteArray());
    }

    /** White at 0 to dark blue at 1. */
    private static Color shade(double p) {
        double t = Math.max(0, Math.min(1, p));
        return new Color((int) Math.round(LOW.getRed() + t * (HIGH.getRed() - LOW.getRed())),
                (int) Math.round(LOW.getGreen() + t * (HIGH.getGreen() - LOW.getGreen())),
                (int) Math.round(LOW.getBlue() + t * (HIGH.getBlue() - LOW.getBlue())));
    }
}
