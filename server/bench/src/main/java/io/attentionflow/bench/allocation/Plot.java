package io.attentionflow.bench.allocation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Draws accuracy against the share of answers spent, one panel per dataset, with plain Java2D. */
final class Plot {

    /** What one panel shows. */
    record Panel(String title, long total, double target, List<Curve> curves, Curve fixedPoints) {
    }

    private static final Color[] COLORS = {
        new Color(0xD62728), new Color(0x1F77B4), new Color(0x7F7F7F), new Color(0x2CA02C), new Color(0x9467BD)};
    private static final int PANEL_W = 520;
    private static final int PANEL_H = 380;
    private static final int LEFT = 60;
    private static final int RIGHT = 28;
    private static final int TOP = 34;
    private static final int BOTTOM = 46;

    private Plot() {
    }

    static void write(List<Panel> panels, Path file) throws IOException {
        int columns = Math.min(3, panels.size());
        int rows = (panels.size() + columns - 1) / columns;
        int legendH = 40;
        BufferedImage image = new BufferedImage(columns * PANEL_W, rows * PANEL_H + legendH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int p = 0; p < panels.size(); p++) {
            Graphics2D pg = (Graphics2D) g.create((p % columns) * PANEL_W, legendH + (p / columns) * PANEL_H, PANEL_W, PANEL_H);
            panel(pg, panels.get(p));
            pg.dispose();
        }
        legend(g, panels.get(0));
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void legend(Graphics2D g, Panel first) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        int x = 20;
        for (int c = 0; c < first.curves().size(); c++) {
            g.setColor(COLORS[c % COLORS.length]);
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(x, 22, x + 30, 22);
            g.setColor(Color.BLACK);
            g.drawString(first.curves().get(c).label(), x + 36, 27);
            x += 60 + g.getFontMetrics().stringWidth(first.curves().get(c).label());
        }
        g.setColor(Color.BLACK);
        g.fillOval(x, 17, 9, 9);
        g.drawString("fixed redundancy R = 1, 2, ... (end points)", x + 16, 27);
        x += 40 + g.getFontMetrics().stringWidth("fixed redundancy R = 1, 2, ... (end points)");
        g.setStroke(dashed());
        g.drawLine(x, 22, x + 30, 22);
        g.drawString("accuracy with all answers", x + 36, 27);
    }

    private static Stroke dashed() {
        return new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0);
    }

    private static void panel(Graphics2D g, Panel panel) {
        int w = PANEL_W - LEFT - RIGHT;
        int h = PANEL_H - TOP - BOTTOM;
        double yMin = 1;
        double yMax = 0;
        for (Curve c : panel.curves()) {
            for (double a : c.accuracy()) {
                yMin = Math.min(yMin, a);
                yMax = Math.max(yMax, a);
            }
        }
        for (double a : panel.fixedPoints().accuracy()) {
            yMin = Math.min(yMin, a);
            yMax = Math.max(yMax, a);
        }
        yMax = Math.max(yMax, panel.target());
        // zoom on the upper part: the interesting region is near the target
        yMin = Math.max(yMin, panel.target() - 3 * (yMax - panel.target() + 0.02) - 0.1);
        yMin = Math.floor(yMin * 20) / 20;
        yMax = Math.min(1, Math.ceil((yMax + 0.005) * 50) / 50);
        final double lo = yMin;
        final double hi = yMax;
        java.util.function.DoubleUnaryOperator yOf = a -> TOP + h - (Math.max(lo, a) - lo) / (hi - lo) * h;
        java.util.function.DoubleUnaryOperator xOf = f -> LEFT + f * w;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), LEFT, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setStroke(new BasicStroke(1f));
        for (int t = 0; t <= 10; t += 2) {
            double f = t / 10.0;
            int x = (int) xOf.applyAsDouble(f);
            g.setColor(new Color(0xEEEEEE));
            g.drawLine(x, TOP, x, TOP + h);
            g.setColor(Color.BLACK);
            g.drawString((t * 10) + "%", x - 10, TOP + h + 16);
        }
        double step = (hi - lo) > 0.3 ? 0.1 : (hi - lo) > 0.12 ? 0.05 : 0.02;
        for (double a = Math.ceil(lo / step) * step; a <= hi + 1e-9; a += step) {
            int y = (int) yOf.applyAsDouble(a);
            g.setColor(new Color(0xEEEEEE));
            g.drawLine(LEFT, y, LEFT + w, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.2f", a), 22, y + 4);
        }
        g.drawRect(LEFT, TOP, w, h);
        g.drawString("share of the answers the data holds (" + panel.total() + ")", LEFT + w / 2 - 110, TOP + h + 34);

        g.setStroke(dashed());
        int ty = (int) yOf.applyAsDouble(panel.target());
        g.drawLine(LEFT, ty, LEFT + w, ty);

        for (int c = panel.curves().size() - 1; c >= 0; c--) {
            Curve curve = panel.curves().get(c);
            g.setColor(COLORS[c % COLORS.length]);
            g.setStroke(new BasicStroke(c == 0 ? 2.5f : 1.8f));
            int px = (int) xOf.applyAsDouble(0);
            int py = -1;
            for (int k = 0; k < curve.spent().length; k++) {
                int x = (int) xOf.applyAsDouble((double) curve.spent()[k] / panel.total());
                int y = (int) yOf.applyAsDouble(curve.accuracy()[k]);
                if (py >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        Curve fixed = panel.fixedPoints();
        for (int k = 0; k < fixed.spent().length; k++) {
            int x = (int) xOf.applyAsDouble((double) fixed.spent()[k] / panel.total());
            int y = (int) yOf.applyAsDouble(fixed.accuracy()[k]);
            g.fillOval(x - 4, y - 4, 8, 8);
            if (k > 0) {
                int x0 = (int) xOf.applyAsDouble((double) fixed.spent()[k - 1] / panel.total());
                int y0 = (int) yOf.applyAsDouble(fixed.accuracy()[k - 1]);
                g.drawLine(x0, y0, x, y);
            }
        }
    }
}
