package org.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Puts a title, axis ticks, tick labels and axis titles around a picture (an image grid), drawn
 * with Java2D: XChart has no plot type for a raster of images, and these figures need nothing
 * beyond text and tick marks.
 */
final class Figures {

    /** A label at a position along an axis, in pixels of the framed picture. */
    record Tick(double position, String text) {}

    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final int PAD = 8;
    private static final int TICK = 5;
    private static final int TEXT_GAP = 3;

    private Figures() {}

    /**
     * Frames {@code picture}: a title above it, {@code xTicks} below it, {@code yTicks} left of
     * it, and the axis titles beyond those. With {@code marks}, draws tick marks and a thin frame
     * (for a continuous axis); without, the labels just name rows and columns.
     *
     * @param picture the picture (not modified)
     * @param title title, or null
     * @param xTicks labels along the bottom edge, positions in picture x pixels
     * @param xTitle title of the x axis, or null
     * @param yTicks labels along the left edge, positions in picture y pixels
     * @param yTitle title of the y axis (drawn vertically), or null
     * @param marks whether to draw tick marks and a frame
     * @return a new, larger picture on a white background
     */
    static BufferedImage frame(BufferedImage picture, String title, List<Tick> xTicks,
            String xTitle, List<Tick> yTicks, String yTitle, boolean marks) {
        Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics fm = probe.getFontMetrics(FONT);
        FontMetrics tfm = probe.getFontMetrics(TITLE_FONT);
        probe.dispose();
        int gw = picture.getWidth();
        int gh = picture.getHeight();
        int lh = fm.getHeight();
        int tick = marks ? TICK : 0;

        int yLabelW = 0;
        for (Tick t : yTicks) {
            yLabelW = Math.max(yLabelW, fm.stringWidth(t.text()));
        }
        int left = PAD + (yTitle != null ? lh + PAD : 0)
                + (yTicks.isEmpty() ? 0 : yLabelW + tick + TEXT_GAP);
        int right = PAD;
        for (Tick t : xTicks) {
            // Centred x labels may stick out beyond the picture's edges.
            int half = fm.stringWidth(t.text()) / 2 + 1;
            left = Math.max(left, half - (int) t.position() + PAD);
            right = Math.max(right, (int) t.position() + half - gw + PAD);
        }
        int top = PAD + (title != null ? tfm.getHeight() + PAD : 0);
        int bottom = PAD + (xTicks.isEmpty() ? 0 : tick + TEXT_GAP + lh)
                + (xTitle != null ? lh + PAD / 2 : 0);
        if (!yTicks.isEmpty()) {
            // Room for half a label where a y tick sits on the picture's top or bottom edge.
            top = Math.max(top, lh / 2 + PAD);
            bottom = Math.max(bottom, lh / 2 + PAD);
        }
        int titleW = title != null ? tfm.stringWidth(title) + 2 * PAD : 0;
        if (left + gw + right < titleW) {
            int extra = titleW - (left + gw + right);
            left += extra / 2;
            right += extra - extra / 2;
        }

        BufferedImage out = new BufferedImage(left + gw + right, top + gh + bottom,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING,
                    RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(picture, left, top, null);
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            if (marks) {
                g.drawRect(left - 1, top - 1, gw + 1, gh + 1);
            }
            g.setFont(FONT);
            for (Tick t : xTicks) {
                int x = left + (int) Math.round(t.position());
                if (marks) {
                    g.drawLine(x, top + gh, x, top + gh + tick);
                }
                g.drawString(t.text(), x - fm.stringWidth(t.text()) / 2,
                        top + gh + tick + TEXT_GAP + fm.getAscent());
            }
            for (Tick t : yTicks) {
                int y = top + (int) Math.round(t.position());
                if (marks) {
                    g.drawLine(left - tick - 1, y, left - 1, y);
                }
                g.drawString(t.text(), left - tick - TEXT_GAP - fm.stringWidth(t.text()),
                        y - lh / 2 + fm.getAscent());
            }
            if (xTitle != null) {
                int base = top + gh + (xTicks.isEmpty() ? 0 : tick + TEXT_GAP + lh) + PAD / 2
                        + fm.getAscent();
                g.drawString(xTitle, left + gw / 2 - fm.stringWidth(xTitle) / 2, base);
            }
            if (yTitle != null) {
                Graphics2D r = (Graphics2D) g.create();
                r.translate(PAD + fm.getAscent(), top + gh / 2);
                r.rotate(-Math.PI / 2);
                r.drawString(yTitle, -fm.stringWidth(yTitle) / 2, 0);
                r.dispose();
            }
            if (title != null) {
                g.setFont(TITLE_FONT);
                g.setColor(Color.BLACK);
                // Centred over the picture, but shifted inwards rather than cut off when the
                // margins are uneven (wide y labels).
                int tw = tfm.stringWidth(title);
                int x = Math.max(PAD, Math.min(out.getWidth() - PAD - tw, left + gw / 2 - tw / 2));
                g.drawString(title, x, PAD + tfm.getAscent());
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Labels at the centres of equal cells along an axis: one per row or column of a grid.
     *
     * @param texts one label per cell
     * @param offset pixel position where the first cell starts
     * @param pitch pixels from one cell's start to the next
     * @param cell pixels of one cell
     * @return the ticks
     */
    static List<Tick> cellTicks(List<String> texts, int offset, int pitch, int cell) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            ticks.add(new Tick(offset + i * pitch + cell / 2.0, texts.get(i)));
        }
        return ticks;
    }

    /**
     * A "nice" tick step for {@code [lo, hi]}: 1, 2 or 5 times a power of ten, the smallest such
     * step giving at most {@code target} intervals over the range.
     *
     * @param lo lower end
     * @param hi upper end, &gt; lo
     * @param target the most intervals wanted, &gt; 0
     * @return the step
     */
    static double niceStep(double lo, double hi, int target) {
        double raw = (hi - lo) / target;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5}) {
            if (m * pow >= raw * (1 - 1e-9)) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    /**
     * The multiples of {@code step} in {@code [lo, hi]}.
     *
     * @param lo lower end
     * @param hi upper end
     * @param step the step, &gt; 0
     * @return the values in increasing order
     */
    static double[] multiples(double lo, double hi, double step) {
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        double[] out = new double[(int) Math.max(0, last - first + 1)];
        for (long i = first; i <= last; i++) {
            // i·step rather than a running sum, so 0 is exactly 0 and nothing drifts.
            out[(int) (i - first)] = i * step;
        }
        return out;
    }

    /**
     * Formats a tick value with as many decimals as its step needs (step 0.5 → "1.5", step 2 →
     * "2").
     *
     * @param v the value
     * @param step the tick step
     * @return the label
     */
    static String tickLabel(double v, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
    }

    /**
     * A {@link java.text.DecimalFormat} pattern for the tick labels of an axis over
     * {@code [lo, hi]}: a leading zero and the same number of decimals on every label: those of
     * a "nice" step of about an eighth of the range, plus one, so that XChart's own steps (which
     * may be 2.5 times a power of ten) print exactly ({@code "0.00"} over [-0.3, 0.4]). XChart's default
     * printed ".16" beside "0.2", and the full double ("-0.236811965703964") when every value
     * was the same; a zero range takes its decimals from the value's size instead.
     *
     * @param lo lowest value on the axis
     * @param hi highest value on the axis
     * @return e.g. {@code "0"}, {@code "0.0"}, {@code "0.00"}
     */
    static String decimalPattern(double lo, double hi) {
        double span = hi - lo;
        if (!(span > 1e-9 * Math.max(Math.abs(lo), Math.abs(hi)))) {
            span = Math.max(Math.max(Math.abs(lo), Math.abs(hi)), 1e-6);
        }
        double step = niceStep(0, span, 8);
        int decimals = Math.max(0, Math.min(8, 1 + (int) -Math.floor(Math.log10(step) + 1e-9)));
        return decimals == 0 ? "0" : "0." + "0".repeat(decimals);
    }

    /**
     * A short decimal form of a number for titles and labels: at most 3 decimals, no trailing
     * zeros ({@code 2.0 → "2"}, {@code 0.25 → "0.25"}, {@code 1/3 → "0.333"}).
     *
     * @param v the number
     * @return the text
     */
    static String number(double v) {
        return number(v, 3);
    }

    /**
     * Like {@link #number(double)} with at most {@code decimals} decimals.
     *
     * @param v the number
     * @param decimals the most decimals, &gt;= 0
     * @return the text
     */
    static String number(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (decimals == 0) {
            return s.equals("-0") ? "0" : s;
        }
        s = s.replaceAll("\\.?0+$", "");
        return s.equals("-0") ? "0" : s;
    }
}
