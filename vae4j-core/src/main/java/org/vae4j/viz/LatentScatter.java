package org.vae4j.viz;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A 2-D scatter plot of latent means, one colour per label, drawn with XChart. With L = 2 the
 * axes are {@code z0} and {@code z1}; with L &gt; 2 the means are projected on their first two
 * principal components ({@link Pca}), and the axis titles give each component's share of the
 * variance; with L = 1 the y axis is the label.
 */
public final class LatentScatter {

    /** Matplotlib's "tab10" palette: ten colours that stay distinct for most viewers. */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf),
    };

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 800;

    private final LatentEmbedding embedding;
    private final double[][] points;
    private final Pca pca;
    private final String xTitle;
    private final String yTitle;

    private LatentScatter(LatentEmbedding embedding, double[][] points, Pca pca, String xTitle,
            String yTitle) {
        this.embedding = embedding;
        this.points = points;
        this.pca = pca;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    /**
     * Places every image of an embedding in the plane.
     *
     * @param e the embedding, at least 2 images when L &gt; 2 (for PCA)
     * @return the scatter
     */
    public static LatentScatter of(LatentEmbedding e) {
        int n = e.size();
        int l = e.latentDim();
        double[][] p = new double[n][];
        if (l > 2) {
            Pca pca = Pca.fit(e.means(), 2);
            for (int i = 0; i < n; i++) {
                p[i] = pca.project(e.mu(i));
            }
            return new LatentScatter(e, p, pca, pcTitle(pca, 0), pcTitle(pca, 1));
        }
        for (int i = 0; i < n; i++) {
            float[] m = e.mu(i);
            p[i] = new double[] {m[0], l == 2 ? m[1] : (e.hasLabels() ? e.label(i) : 0)};
        }
        return new LatentScatter(e, p, null, "z0 (latent mean)",
                l == 2 ? "z1 (latent mean)" : (e.hasLabels() ? "label" : ""));
    }

    private static String pcTitle(Pca pca, int c) {
        return String.format(Locale.ROOT, "PC%d of the latent means (%.1f%% of variance)", c + 1,
                100 * pca.explainedVarianceRatio(c));
    }

    /**
     * Returns the PCA used for the projection.
     *
     * @return the PCA, empty when L &lt;= 2
     */
    public Optional<Pca> pca() {
        return Optional.ofNullable(pca);
    }

    /**
     * Returns one image's place in the plane.
     *
     * @param i image index
     * @return {@code {x, y}}
     */
    public double[] point(int i) {
        return points[i].clone();
    }

    /**
     * Returns the x axis title.
     *
     * @return e.g. {@code "z0 (latent mean)"} or {@code "PC1 ... (41.2% of variance)"}
     */
    public String xTitle() {
        return xTitle;
    }

    /**
     * Returns the y axis title.
     *
     * @return the title
     */
    public String yTitle() {
        return yTitle;
    }

    /**
     * Builds the chart: one series per label (in increasing order), named by {@code classNames}
     * when given, else {@code "class <k>"}; a single series when there are no labels.
     *
     * @param title the chart title
     * @param classNames name of label {@code k} at index {@code k}, or null
     * @return the XChart chart (e.g. for a Swing panel or further styling)
     */
    public XYChart chart(String title, List<String> classNames) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        var s = chart.getStyler();
        s.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setMarkerSize(6);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        TreeMap<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < points.length; i++) {
            groups.computeIfAbsent(embedding.hasLabels() ? embedding.label(i) : 0,
                    k -> new ArrayList<>()).add(i);
        }
        int k = 0;
        for (var g : groups.entrySet()) {
            List<Integer> idx = g.getValue();
            double[] x = new double[idx.size()];
            double[] y = new double[idx.size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = points[idx.get(j)][0];
                y[j] = points[idx.get(j)][1];
            }
            XYSeries series = chart.addSeries(seriesName(g.getKey(), classNames), x, y);
            Color c = PALETTE[k % PALETTE.length];
            // Translucent, so dense overlapping regions stay readable.
            series.setMarkerColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 110));
            series.setMarker(SeriesMarkers.CIRCLE);
            k++;
        }
        TrainingCharts.roundTicks(chart, true);
        return chart;
    }

    private String seriesName(int label, List<String> classNames) {
        if (!embedding.hasLabels()) {
            return "images";
        }
        if (classNames != null && label >= 0 && label < classNames.size()) {
            return label + ": " + classNames.get(label);
        }
        return "class " + label;
    }

    /**
     * Renders {@link #chart(String, List)} to a picture.
     *
     * @param title the chart title
     * @param classNames label names, or null
     * @return a {@value #WIDTH}×{@value #HEIGHT} picture
     */
    public BufferedImage render(String title, List<String> classNames) {
        return BitmapEncoder.getBufferedImage(chart(title, classNames));
    }

    /**
     * Writes {@link #render(String, List)} atomically as PNG.
     *
     * @param file the PNG file
     * @param title the chart title
     * @param classNames label names, or null
     * @throws IOException if writing fails
     */
    public void writePng(Path file, String title, List<String> classNames) throws IOException {
        ImageGrid.writePng(render(title, classNames), file);
    }
}
