package org.vae4j.viz;

import org.vae4j.model.ElboMetrics;
import org.vae4j.model.Metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.eval.LatentStatistics;
import org.vae4j.io.Provenance;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;
import org.vae4j.train.EpochMetrics;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;

/** The sections {@link TrainingReport} adds, their charts and pictures, checked by decoding. */
class TrainingReportTest {

    private static final VaeConfig SMALL =
            VaeConfig.mlp(1, 28, 28).withHidden(List.of(16)).withLatentDim(3);

    /** Three epochs with made-up numbers; the KL rises as a warm-up would make it. */
    private static final List<EpochMetrics> HISTORY = List.of(
            new EpochMetrics(1, Metrics.of(ElboMetrics.NAMES, 300, 290, 10),
                Metrics.of(ElboMetrics.NAMES, 280, 271, 9), 1.5, 6000, 300),
            new EpochMetrics(2, Metrics.of(ElboMetrics.NAMES, 280, 264, 16),
                Metrics.of(ElboMetrics.NAMES, 275, 259, 16), 1.4, 6400, 310),
            new EpochMetrics(3, Metrics.of(ElboMetrics.NAMES, 270, 252, 18),
                Metrics.of(ElboMetrics.NAMES, 268, 250, 18), 1.4, 6400, 310));

    private static final TrainOptions PLAIN =
            new TrainOptions(3, 64, 1e-3, OptimizerKind.ADAM, 0, 1.0, 7, 0.1);

    private static final TrainOptions WARMUP =
            new TrainOptions(3, 64, 1e-3, OptimizerKind.ADAM, 0, 1.0, 7, 0.1, 2, 0, 0);

    private static final TrainOptions FREE_BITS =
            new TrainOptions(3, 64, 1e-3, OptimizerKind.ADAM, 0, 2.0, 7, 0.1, 0, 0, 0.25);

    @BeforeAll
    static void engine() {
        EngineSetup.configure(2);
    }

    private static Map<String, String> curves(TrainOptions options) {
        RunReport.Builder b = RunReport.builder("t");
        assertSame(b, TrainingReport.addLossCurves(b, HISTORY, options, 3, 600));
        return ReportHtml.sections(b.build().html());
    }

    @Test
    void lossCurvesWithoutAnnealingHaveNoKlWeightChart() {
        Map<String, String> s = curves(PLAIN);
        assertEquals(List.of("negative-elbo", "reconstruction", "kl-divergence"),
                List.copyOf(s.keySet()));
        for (String id : s.keySet()) {
            BufferedImage chart = ReportHtml.image(s, id);
            assertEquals(TrainingCharts.WIDTH, chart.getWidth(), id);
            assertEquals(TrainingCharts.HEIGHT, chart.getHeight(), id);
        }
        assertFalse(s.get("kl-divergence").contains("Dashed: free bits"));
    }

    @Test
    void klWarmupAddsTheKlWeightChart() {
        Map<String, String> s = curves(WARMUP);
        assertEquals(List.of("negative-elbo", "reconstruction", "kl-divergence", "kl-weight"),
                List.copyOf(s.keySet()));
        BufferedImage chart = ReportHtml.image(s, "kl-weight");
        assertEquals(TrainingCharts.WIDTH, chart.getWidth());
        // 600 images in batches of 64: 10 steps per epoch.
        assertTrue(s.get("kl-weight").contains("linear warm-up over 2.0 epochs, 10 steps per"
                + " epoch"), s.get("kl-weight"));
    }

    @Test
    void cyclicalAnnealingAndFreeBitsAlsoShowTheKlWeight() {
        TrainOptions cycles =
                new TrainOptions(3, 64, 1e-3, OptimizerKind.ADAM, 0, 1.0, 7, 0.1, 0, 3, 0);
        assertTrue(curves(cycles).containsKey("kl-weight"));
        Map<String, String> s = curves(FREE_BITS);
        assertTrue(s.containsKey("kl-weight"));
        assertTrue(s.get("kl-weight").contains("sum_i max(lambda, KL_i)"), s.get("kl-weight"));
        assertTrue(s.get("kl-weight").contains("free bits lambda = 0.25"), s.get("kl-weight"));
        assertTrue(s.get("kl-divergence").contains("Dashed: free bits"), s.get("kl-divergence"));
    }

    @Test
    void validationCurvesAreOptionalAndAnEmptyHistoryIsANote() {
        List<EpochMetrics> noValidation = List.of(
                new EpochMetrics(1, Metrics.of(ElboMetrics.NAMES, 300, 290, 10),
                Metrics.of(ElboMetrics.NAMES, Double.NaN, Double.NaN, Double.NaN), 1, 1, 1));
        RunReport.Builder b = RunReport.builder("t");
        TrainingReport.addLossCurves(b, noValidation, PLAIN, 3, 600);
        TrainingReport.addFacts(b, Path.of("runs/x"), noValidation, Double.NaN);
        String html = b.build().html();
        assertEquals(3, ReportHtml.images(html).size());
        assertTrue(html.contains("validation -ELBO - (reconstruction - + KL -)"), html);
        assertFalse(html.contains("Wall time"), "unknown wall time is left out");

        RunReport.Builder empty = RunReport.builder("t");
        TrainingReport.addLossCurves(empty, List.of(), PLAIN, 3, 600);
        String e = empty.build().html();
        assertTrue(e.contains("No epoch completed yet."), e);
        assertEquals(0, ReportHtml.images(e).size());
    }

    @Test
    void factsNameTheRunAndItsTimes() {
        RunReport.Builder b = RunReport.builder("t");
        TrainingReport.addFacts(b, Path.of("runs/x"), HISTORY, 75.4);
        String html = b.build().html();
        assertTrue(html.contains("<dd>" + Path.of("runs/x").toAbsolutePath() + "</dd>"), html);
        assertTrue(html.contains("<dt>Wall time</dt><dd>1 min 15 s</dd>"), html);
        // 1.5 + 1.4 + 1.4 seconds of training steps.
        assertTrue(html.contains("<dd>4.3 s (training steps of all epochs)</dd>"), html);
        assertTrue(html.contains("<dt>Epochs</dt><dd>3</dd>"), html);
        assertTrue(html.contains("train -ELBO 270.00 (reconstruction 252.00 + KL 18.00),"
                + " validation -ELBO 268.00"), html);
        assertTrue(html.contains("<dt>Date</dt>"), html);
    }

    @Test
    void picturesAreUpscaledGridsOfSamplesAndOriginalsOverReconstructions() {
        ImageSet ten = EmbeddedData.fashionMnistTest().first(10);
        RunReport.Builder b = RunReport.builder("t");
        try (VaeModel m = VaeModel.create(SMALL, 1)) {
            TrainingReport.addPictures(b, m, ten, 5);
        }
        Map<String, String> s = ReportHtml.sections(b.build().html());
        // Issue #14 item c: all 64 samples of samples.png, 8 by 8, at the scale (2) that keeps
        // 8 columns within half the page: 8 * (56 + 2) + 2 = 466 pixels each way.
        BufferedImage samples = ReportHtml.image(s, "samples-from-the-prior");
        assertEquals(466, samples.getWidth());
        assertEquals(466, samples.getHeight(), "64 samples: 8 rows");
        assertTrue(s.get("samples-from-the-prior").contains("64 decodings"));
        // 10 images in 6 columns: 2 rows of originals, each above a row of reconstructions.
        BufferedImage recon = ReportHtml.image(s, "reconstructions");
        assertEquals(518, recon.getWidth());
        assertEquals(4 * 86 + 2, recon.getHeight());
        // The first original's top-left pixel, scaled 3x from the sample's first image.
        int first = org.vae4j.data.SpreadSample.indices(ten, 24, 5)[0];
        int expected = Math.round(ten.pixel(first, 0) / 255f * 255f);
        assertEquals(expected, recon.getRGB(2, 2) & 0xFF);
        assertTrue(s.get("samples-from-the-prior").contains("seed 5"));
        assertTrue(s.get("reconstructions").contains("10 images of"));
        assertTrue(samples.getWidth() <= RunReport.HALF_WIDTH, "samples share a row");
    }

    @Test
    void reconstructionsOfAClassSortedSetShowEveryClass() {
        // A class folder reads sorted by class: 30 images of class 0, then 30 of class 1, ...,
        // each class one gray level. The first 24 images would all be class 0.
        int n = 150;
        byte[] pixels = new byte[n * 784];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i / 30;
            java.util.Arrays.fill(pixels, i * 784, (i + 1) * 784, (byte) (40 + 40 * labels[i]));
        }
        ImageSet sorted = new ImageSet(pixels, n, 1, 28, 28, labels, "folder (validation split)");
        RunReport.Builder b = RunReport.builder("t");
        try (VaeModel m = VaeModel.create(SMALL, 1)) {
            TrainingReport.addPictures(b, m, sorted, 5);
        }
        BufferedImage recon = ReportHtml.image(ReportHtml.sections(b.build().html()),
                "reconstructions");
        Set<Integer> grays = new java.util.TreeSet<>();
        // Rows 0 and 2 of the grid are originals; a tile is 28 * 3 pixels plus a 2-pixel gap.
        for (int row : new int[] {0, 2}) {
            for (int col = 0; col < 6; col++) {
                grays.add(recon.getRGB(2 + col * 86 + 40, 2 + row * 86 + 40) & 0xFF);
            }
        }
        assertEquals(Set.of(40, 80, 120, 160, 200), grays, "the classes shown");
    }

    @Test
    void originalsAndReconstructionsStayAlignedInAShortLastRow() {
        float[][] orig = new float[8][];
        float[][] rec = new float[8][];
        for (int i = 0; i < 8; i++) {
            orig[i] = new float[] {i};
            rec[i] = new float[] {100 + i};
        }
        float[][] t = TrainingReport.originalsOverReconstructions(orig, rec);
        assertEquals(24, t.length, "2 row pairs of 6");
        float[] expected = {0, 1, 2, 3, 4, 5, 100, 101, 102, 103, 104, 105,
            6, 7, 0, 0, 0, 0, 106, 107, 0, 0, 0, 0};
        for (int k = 0; k < 24; k++) {
            assertEquals(expected[k], t[k][0], "tile " + k);
        }
    }

    @Test
    void latentStatisticsOfACollapsedPosterior() {
        ImageSet data = EmbeddedData.fashionMnistTest().first(100);
        RunReport.Builder b = RunReport.builder("t");
        LatentStatistics stats;
        try (VaeModel m = VaeModel.create(SMALL, 1)) {
            List<Pair<String, Parameter>> p = m.block().getParameters().stream().toList();
            NDArray headW = p.get(2).getValue().getArray();
            NDArray headB = p.get(3).getValue().getArray();
            headW.muli(0);
            // mu = (0.5, -1, 0) and logvar = (0, 0, 0) for every image: no unit is active.
            headB.muli(0).addi(m.manager().create(new float[] {0.5f, -1f, 0f, 0f, 0f, 0f}));
            stats = TrainingReport.addLatentStatistics(b, m, data, FREE_BITS);
        }
        // KL_i = mu_i^2 / 2: 0.125 + 0.5 + 0 = 0.625 nats.
        assertEquals(0, stats.activeUnits());
        assertEquals(0.625, stats.totalKl(), 1e-6);
        Map<String, String> s = ReportHtml.sections(b.build().html());
        String section = s.get("latent-units");
        assertTrue(section.contains("0 of 3 units active"), section);
        assertTrue(section.contains("on 100 images"), section);
        assertTrue(section.contains("total KL 0.63 nats per image"), section);
        assertTrue(section.contains("The posterior has collapsed."), section);
        BufferedImage chart = ReportHtml.image(s, "latent-units");
        assertEquals(TrainingCharts.WIDTH, chart.getWidth());
        assertTrue(countColour(chart, 0xaaaaaa) > 100, "inactive units are drawn in grey");
    }

    @Test
    void configurationTablesUseTheJsonKeys() {
        Provenance prov = Provenance.now(WARMUP, "embedded <test> set", "sha256:abc", 540, 60, 3,
                4.3, HISTORY.get(2)).withParametersSha256("feed");
        RunReport.Builder b = RunReport.builder("t");
        TrainingReport.addConfiguration(b, SMALL, WARMUP, prov);
        Map<String, String> s = ReportHtml.sections(b.build().html());
        assertEquals(List.of("model-configuration", "training-options", "provenance"),
                List.copyOf(s.keySet()));
        assertTrue(s.get("model-configuration").contains("<th>latent_dim</th><td>3</td>"));
        assertTrue(s.get("model-configuration").contains("<th>hidden</th><td>[16]</td>"));
        assertTrue(s.get("model-configuration").contains("<th>likelihood</th><td>bernoulli</td>"));
        String options = s.get("training-options");
        assertTrue(options.contains("<th>kl_warmup_epochs</th><td>2.0</td>"), options);
        assertTrue(options.contains("<th>seed</th><td>7</td>"), options);
        assertTrue(options.contains("<th>optimizer</th><td>adam</td>"), options);
        String p = s.get("provenance");
        assertTrue(p.contains("<th>data_source</th><td>embedded &lt;test&gt; set</td>"), p);
        assertTrue(p.contains("<th>data_fingerprint</th><td>sha256:abc</td>"), p);
        assertTrue(p.contains("<th>djl_version</th>"), p);
        assertTrue(p.contains("<th>final_metrics.val_neg_elbo</th><td>268.0</td>"), p);
        assertTrue(p.contains("<th>parameters_sha256</th><td>feed</td>"), p);
        assertFalse(p.contains("options."), "the options have their own table");

        RunReport.Builder without = RunReport.builder("t");
        TrainingReport.addConfiguration(without, SMALL, WARMUP, null);
        assertFalse(ReportHtml.sections(without.build().html()).containsKey("provenance"));
    }

    @Test
    void rowsFlattenNestedRecordsAndSkipKeys() {
        record Inner(double valKl) {}
        record Outer(String dataSource, Inner finalMetrics, int skipMe) {}
        Map<String, Object> rows =
                RecordRows.rows(new Outer("x", new Inner(1.5), 3), Set.of("skip_me"));
        assertEquals(Map.of("data_source", "x", "final_metrics.val_kl", "1.5"), rows);
        assertEquals(List.of("data_source", "final_metrics.val_kl"), List.copyOf(rows.keySet()));
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("42.3 s", TrainingReport.duration(42.34));
        assertEquals("3 min 07 s", TrainingReport.duration(187.2));
        assertEquals("2 h 05 min", TrainingReport.duration(7500));
        assertEquals("0.0 s", TrainingReport.duration(0));
    }

    @Test
    void longNumbersAreCutToSixSignificantDigits() {
        assertEquals("0.001", RecordRows.number(1e-3));
        assertEquals("268.0", RecordRows.number(268));
        assertEquals("408.228", RecordRows.number(408.2282565081561));
        assertEquals("0.3", RecordRows.number(0.1 + 0.2));
        assertEquals("1.23457e-05", RecordRows.number(1.23456789e-5));
        assertEquals("NaN", RecordRows.number(Double.NaN));
    }

    @Test
    void klWeightScheduleByHand() {
        // Warm-up over 2 epochs of 10 steps: w(s) = min(1, (s + 1) / 20).
        double[] w = TrainingCharts.stepWeights(WARMUP, 10);
        assertEquals(30, w.length);
        assertEquals(0.05, w[0], 1e-12);
        assertEquals(0.95, w[18], 1e-12);
        assertEquals(1.0, w[19], 1e-12);
        double[] means = TrainingCharts.epochMeans(w, 10);
        // (1 + ... + 10) / 20 / 10 and (11 + ... + 20) / 20 / 10.
        assertEquals(0.275, means[0], 1e-12);
        assertEquals(0.775, means[1], 1e-12);
        assertEquals(1.0, means[2], 1e-12);
        assertEquals(List.of(0, 19, 29), TrainingCharts.corners(w, 1e-9));

        // 3 cycles over 30 steps: each rises 0, 0.2, ..., 1 over 5 steps, then holds 1.
        TrainOptions cycles =
                new TrainOptions(3, 64, 1e-3, OptimizerKind.ADAM, 0, 1.0, 7, 0.1, 0, 3, 0);
        double[] c = TrainingCharts.stepWeights(cycles, 10);
        assertEquals(0.0, c[10], 1e-12);
        assertEquals(0.4, c[12], 1e-12);
        assertEquals(List.of(0, 5, 9, 10, 15, 19, 20, 25, 29), TrainingCharts.corners(c, 1e-9));
        assertEquals((0 + 0.2 + 0.4 + 0.6 + 0.8 + 5) / 10, TrainingCharts.epochMeans(c, 10)[1],
                1e-12);
    }

    @Test
    void klWeightChartNeedsSteps() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> TrainingCharts.klWeight(WARMUP, 0));
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("got 0"), e.getMessage());
    }

    private static int countColour(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
