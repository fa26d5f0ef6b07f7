package org.vae4j.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.vae4j.eval.LatentStatistics;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.TrainOptions;

/**
 * Charts of a training run, drawn with XChart into images (no display needed): the loss terms
 * per epoch, the KL weight schedule and the KL of each latent unit. Losses are in nats per
 * image, as recorded in {@link EpochMetrics}.
 */
public final class TrainingCharts {

    /** Size of every chart: two fit side by side in a report. */
    public static final int WIDTH = 520;

    /** Height of every chart. */
    public static final int HEIGHT = 320;

    /** At most this many corners of the per-step KL weight are drawn. */
    static final int MAX_STEP_POINTS = 1000;

    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color VALIDATION = new Color(0xff7f0e);
    private static final Color REFERENCE = new Color(0xd62728);
    private static final Color INACTIVE = new Color(0xaaaaaa);
    private static final BasicStroke DASHED =
            new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f);

    private TrainingCharts() {}

    /**
     * Training and validation negative ELBO per epoch.
     *
     * @param history completed epochs, not empty
     * @return the chart
     */
    public static BufferedImage negElbo(List<EpochMetrics> history) {
        return draw(perEpoch("Negative ELBO per epoch", "-ELBO (nats per image)", history,
                m -> m.train("neg_elbo"), m -> m.validation("neg_elbo")));
    }

    /**
     * Training and validation values of any metric per epoch.
     *
     * @param history completed epochs, not empty
     * @param name the metric, e.g. {@code reconstruction}
     * @param yTitle the axis title
     * @return the chart
     */
    public static BufferedImage metric(List<EpochMetrics> history, String name, String yTitle) {
        return draw(perEpoch(org.vae4j.model.Metrics.title(name) + " per epoch", yTitle, history,
                m -> m.train(name), m -> m.validation(name)));
    }

    /**
     * Training and validation reconstruction term {@code E_q[-log p(x|z)]} per epoch.
     *
     * @param history completed epochs, not empty
     * @return the chart
     */
    public static BufferedImage reconstruction(List<EpochMetrics> history) {
        return draw(perEpoch("Reconstruction term per epoch", "E_q[-log p(x|z)] (nats per image)",
                history, m -> m.train("reconstruction"),
                m -> m.validation("reconstruction")));
    }

    /**
     * Training and validation KL term {@code KL(q(z|x) || N(0, I))} per epoch (the true KL, not
     * the annealed or free-bits loss term). With free bits, a dashed line marks {@code lambda·L}:
     * below it the loss puts no pressure on the KL.
     *
     * @param history completed epochs, not empty
     * @param freeBitsFloor {@code lambda·L} in nats, or 0 for no line
     * @return the chart
     */
    public static BufferedImage kl(List<EpochMetrics> history, double freeBitsFloor) {
        XYChart chart = perEpoch("KL term per epoch", "KL(q(z|x) || p(z)) (nats per image)",
                history, m -> m.train("kl"), m -> m.validation("kl"));
        if (freeBitsFloor > 0) {
            double first = history.get(0).epoch();
            double last = history.get(history.size() - 1).epoch();
            XYSeries s = chart.addSeries(
                    String.format(Locale.ROOT, "free bits: lambda*L = %.3g", freeBitsFloor),
                    new double[] {first, last}, new double[] {freeBitsFloor, freeBitsFloor});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(REFERENCE);
            s.setLineStyle(DASHED);
        }
        return draw(chart);
    }

    /**
     * The KL weight the loss used: {@link TrainOptions#klWeight} at every step (a line over x =
     * epochs done before the step) and its mean over each epoch (dots at the epoch's number, as in
     * the loss charts).
     *
     * @param options the schedule (epochs, beta, warm-up or cycles)
     * @param stepsPerEpoch optimizer steps per epoch, &gt; 0
     * @return the chart
     */
    public static BufferedImage klWeight(TrainOptions options, int stepsPerEpoch) {
        if (stepsPerEpoch <= 0) {
            throw new IllegalArgumentException("steps per epoch must be > 0, got "
                    + stepsPerEpoch);
        }
        double[] w = stepWeights(options, stepsPerEpoch);
        // The schedules are piecewise linear: drawing only the steps where the slope changes
        // is exact, and keeps XChart from taking thousands of evenly spaced points as tick
        // positions (it would label the axis 0.3, 0.6, ...).
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (int s : corners(w, 1e-9 * Math.max(1.0, options.beta()))) {
            x.add((double) s / stepsPerEpoch);
            y.add(w[s]);
        }
        x.add((double) options.epochs());
        y.add(w[w.length - 1]);
        thin(x, y, MAX_STEP_POINTS);
        double[] means = epochMeans(w, stepsPerEpoch);
        double[] epochs = new double[means.length];
        for (int e = 0; e < means.length; e++) {
            epochs[e] = e + 1;
        }
        XYChart chart = xyChart("KL weight schedule", "epoch", "KL weight");
        XYSeries steps = chart.addSeries("per step", x, y);
        steps.setMarker(SeriesMarkers.NONE);
        steps.setLineColor(TRAIN);
        XYSeries mean = chart.addSeries("mean over the epoch", epochs, means);
        mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        mean.setMarker(SeriesMarkers.CIRCLE);
        mean.setMarkerColor(VALIDATION);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("0.#");
        chart.getStyler().setYAxisDecimalPattern("0.###");
        return draw(chart);
    }

    /**
     * The KL of each latent unit, active units in colour and inactive ones in grey; with free
     * bits, a dashed line at lambda.
     *
     * @param stats the latent statistics
     * @param freeBits lambda in nats per unit, or 0 for no line
     * @return the chart
     */
    public static BufferedImage klPerUnit(LatentStatistics stats, double freeBits) {
        int l = stats.klPerUnit().length;
        List<Integer> units = new ArrayList<>(l);
        List<Double> active = new ArrayList<>(l);
        List<Double> inactive = new ArrayList<>(l);
        for (int i = 0; i < l; i++) {
            units.add(i);
            boolean on = stats.meanVariance()[i] > stats.threshold();
            active.add(on ? stats.klPerUnit()[i] : 0.0);
            inactive.add(on ? 0.0 : stats.klPerUnit()[i]);
        }
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(String.format(Locale.ROOT, "KL per latent unit (%d of %d active)",
                        stats.activeUnits(), l))
                .xAxisTitle("latent unit")
                .yAxisTitle("KL (nats per image)")
                .build();
        style(chart.getStyler());
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setXAxisLabelRotation(l > 24 ? 90 : 0);
        chart.getStyler().setXAxisTicksVisible(l <= 128);
        chart.getStyler().setYAxisMin(0.0);
        CategorySeries on = chart.addSeries(
                String.format(Locale.ROOT, "active (Var mu > %s)", stats.threshold()), units,
                active);
        on.setFillColor(TRAIN);
        CategorySeries off = chart.addSeries("inactive", units, inactive);
        off.setFillColor(INACTIVE);
        if (freeBits > 0) {
            List<Double> floor = new ArrayList<>(l);
            for (int i = 0; i < l; i++) {
                floor.add(freeBits);
            }
            CategorySeries s = chart.addSeries(
                    String.format(Locale.ROOT, "free bits lambda = %s", freeBits), units, floor);
            s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(REFERENCE);
            s.setLineStyle(DASHED);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** The KL weight of every optimizer step of the run. */
    static double[] stepWeights(TrainOptions options, int stepsPerEpoch) {
        double[] w = new double[Math.multiplyExact(options.epochs(), stepsPerEpoch)];
        for (int s = 0; s < w.length; s++) {
            w[s] = options.klWeight(s, stepsPerEpoch);
        }
        return w;
    }

    /** The first and last steps and those where the slope changes (second difference). */
    static List<Integer> corners(double[] w, double tolerance) {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < w.length; s++) {
            if (s == 0 || s == w.length - 1
                    || Math.abs(w[s - 1] - 2 * w[s] + w[s + 1]) > tolerance) {
                out.add(s);
            }
        }
        return out;
    }

    /** The mean of each epoch's step weights. */
    static double[] epochMeans(double[] w, int stepsPerEpoch) {
        double[] means = new double[w.length / stepsPerEpoch];
        for (int e = 0; e < means.length; e++) {
            double sum = 0;
            for (int b = 0; b < stepsPerEpoch; b++) {
                sum += w[e * stepsPerEpoch + b];
            }
            means[e] = sum / stepsPerEpoch;
        }
        return means;
    }

    /** Keeps every k-th point (and the last) so that at most {@code max} remain. */
    private static void thin(List<Double> x, List<Double> y, int max) {
        if (x.size() <= max) {
            return;
        }
        int k = (x.size() + max - 1) / max;
        List<Double> tx = new ArrayList<>();
        List<Double> ty = new ArrayList<>();
        for (int i = 0; i < x.size(); i += k) {
            tx.add(x.get(i));
            ty.add(y.get(i));
        }
        tx.add(x.get(x.size() - 1));
        ty.add(y.get(y.size() - 1));
        x.clear();
        x.addAll(tx);
        y.clear();
        y.addAll(ty);
    }

    /** Training and validation values per epoch; validation only if any value is finite. */
    private static XYChart perEpoch(String title, String yTitle, List<EpochMetrics> history,
            ToDoubleFunction<EpochMetrics> train, ToDoubleFunction<EpochMetrics> validation) {
        if (history == null || history.isEmpty()) {
            throw new IllegalArgumentException("no completed epoch to plot");
        }
        int n = history.size();
        double[] x = new double[n];
        double[] t = new double[n];
        double[] v = new double[n];
        boolean anyValidation = false;
        for (int i = 0; i < n; i++) {
            EpochMetrics m = history.get(i);
            x[i] = m.epoch();
            t[i] = train.applyAsDouble(m);
            v[i] = validation.applyAsDouble(m);
            anyValidation |= Double.isFinite(v[i]);
        }
        XYChart chart = xyChart(title, "epoch", yTitle);
        XYSeries ts = chart.addSeries("train", x, t);
        ts.setLineColor(TRAIN);
        ts.setMarkerColor(TRAIN);
        ts.setMarker(SeriesMarkers.CIRCLE);
        if (anyValidation) {
            XYSeries vs = chart.addSeries("validation", x, v);
            vs.setLineColor(VALIDATION);
            vs.setMarkerColor(VALIDATION);
            vs.setMarker(SeriesMarkers.DIAMOND);
        }
        return chart;
    }

    private static XYChart xyChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        style(chart.getStyler());
        return chart;
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        // Below the plot: inside it, the legend would hide a curve in one chart or another.
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setAntiAlias(true);
    }

    /**
     * Gives each axis of {@code chart} without a pattern of its own round tick labels with the
     * same decimals throughout ({@link Figures#decimalPattern}), from the range of its series.
     *
     * @param chart a chart whose series are all added
     * @param withX also the x axis (not for epochs, which XChart already labels 1, 2, ...)
     */
    static void roundTicks(XYChart chart, boolean withX) {
        double[] x = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] y = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (XYSeries s : chart.getSeriesMap().values()) {
            widen(x, s.getXData());
            widen(y, s.getYData());
        }
        var styler = chart.getStyler();
        if (withX && styler.getXAxisDecimalPattern() == null && x[0] <= x[1]) {
            styler.setXAxisDecimalPattern(Figures.decimalPattern(x[0], x[1]));
        }
        if (styler.getYAxisDecimalPattern() == null && y[0] <= y[1]) {
            // The axes of the loss charts start at 0 when set so; the range then includes it.
            double lo = styler.getYAxisMin() != null ? Math.min(y[0], styler.getYAxisMin()) : y[0];
            styler.setYAxisDecimalPattern(Figures.decimalPattern(lo, y[1]));
        }
    }

    private static void widen(double[] range, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                range[0] = Math.min(range[0], v);
                range[1] = Math.max(range[1], v);
            }
        }
    }

    private static BufferedImage draw(XYChart chart) {
        roundTicks(chart, false);
        return BitmapEncoder.getBufferedImage(chart);
    }
}
