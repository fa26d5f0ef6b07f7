package org.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.vae4j.data.ImageSet;
import org.vae4j.model.Encoding;
import org.vae4j.model.VaeModel;

/** The CSV holds exactly what encode() returns; the scatter places and names every point. */
class LatentEmbeddingTest {

    @TempDir Path tmp;

    @Test
    void csvRowsAndColumnsEqualEncode() throws Exception {
        // 2,300 images: three chunks of the embedding's 1,000-image conversion.
        ImageSet data = TinyModel.randomSet(2300, 21);
        try (VaeModel vae = TinyModel.create(13)) {
            LatentEmbedding e = LatentEmbedding.of(vae, data);
            Encoding want = vae.encode(data.toRows(null));
            Path csv = tmp.resolve("e.csv");
            e.writeCsv(csv);
            List<String> lines = Files.readAllLines(csv);
            assertEquals(2301, lines.size());
            assertEquals("index,label,mu_0,mu_1,mu_2,logvar_0,logvar_1,logvar_2", lines.get(0));
            for (int i = 0; i < 2300; i++) {
                String[] f = lines.get(i + 1).split(",");
                assertEquals(8, f.length, "row " + i);
                assertEquals(i, Integer.parseInt(f[0]));
                assertEquals(data.label(i), Integer.parseInt(f[1]));
                for (int j = 0; j < 3; j++) {
                    assertEquals(want.mu()[i][j], Float.parseFloat(f[2 + j]), 1e-6f,
                            "mu " + i + "," + j);
                    assertEquals(want.logvar()[i][j], Float.parseFloat(f[5 + j]), 1e-6f,
                            "logvar " + i + "," + j);
                    // The CSV round-trips the embedding's floats exactly.
                    assertEquals(e.mu(i)[j], Float.parseFloat(f[2 + j]));
                }
            }
        }
    }

    @Test
    void unlabelledSetHasNoLabelColumn() throws Exception {
        ImageSet labelled = TinyModel.randomSet(5, 22);
        ImageSet data = new ImageSet(labelled.pixelBytes(), 5, 1, 8, 8, null, "no labels");
        try (VaeModel vae = TinyModel.create(14)) {
            LatentEmbedding e = LatentEmbedding.of(vae, data);
            assertFalse(e.hasLabels());
            Path csv = tmp.resolve("u.csv");
            e.writeCsv(csv);
            List<String> lines = Files.readAllLines(csv);
            assertEquals("index,mu_0,mu_1,mu_2,logvar_0,logvar_1,logvar_2", lines.get(0));
            assertEquals(7, lines.get(3).split(",").length);
            XYChart chart = LatentScatter.of(e).chart("t", null);
            assertEquals(List.of("images"), List.copyOf(chart.getSeriesMap().keySet()));
            // Issue #14 item d: round ticks, not XChart's ".16".
            assertTrue(chart.getStyler().getXAxisDecimalPattern().startsWith("0"));
            assertTrue(chart.getStyler().getYAxisDecimalPattern().startsWith("0"));
        }
    }

    @Test
    void scatterProjectsOnPrincipalComponentsWhenLatentIsLarger() throws Exception {
        ImageSet data = TinyModel.randomSet(300, 23);
        try (VaeModel vae = TinyModel.create(15)) {
            LatentEmbedding e = LatentEmbedding.of(vae, data);
            LatentScatter s = LatentScatter.of(e);
            Pca pca = s.pca().orElseThrow();
            Pca direct = Pca.fit(vae.encode(data.toRows(null)).mu(), 2);
            assertArrayEquals(direct.project(e.mu(7)), s.point(7), 1e-6);
            assertTrue(s.xTitle().startsWith("PC1"), s.xTitle());
            assertTrue(s.xTitle().contains(String.format(java.util.Locale.ROOT, "%.1f%%",
                    100 * pca.explainedVarianceRatio(0))), s.xTitle());
            XYChart chart = s.chart("title", List.of("zero", "one", "two", "three"));
            assertEquals(List.of("0: zero", "1: one", "2: two", "3: three"),
                    List.copyOf(chart.getSeriesMap().keySet()));
            int points = chart.getSeriesMap().values().stream()
                    .mapToInt(x -> x.getXData().length).sum();
            assertEquals(300, points);
            Path png = tmp.resolve("s.png");
            s.writePng(png, "title", null);
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(1000, img.getWidth());
            assertEquals(800, img.getHeight());
        }
    }
}
