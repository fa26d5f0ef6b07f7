package org.vae4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.AnomalyScores;
import org.vae4j.eval.RankMetrics;
import org.vae4j.io.AtomicFiles;
import org.vae4j.model.ModelConfig;
import org.vae4j.viz.ImageGrid;

/** What {@code vae4j score} writes: the ranked CSV and the picture of both ends. */
final class ScoreFiles {

    private static final int SHOWN = 16;

    private ScoreFiles() {}

    /** The two sets as one, for the CSV and the picture of a --ood-data check. */
    static ImageSet both(ImageSet test, ImageSet ood) {
        byte[] a = test.pixelBytes();
        byte[] b = ood.pixelBytes();
        byte[] p = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, p, a.length, b.length);
        return new ImageSet(p, test.size() + ood.size(), test.channels(), test.height(),
                test.width(), null, null, test.source() + " then " + ood.source());
    }

    /**
     * ROC-AUC, PR-AUC and FPR at 95 % TPR of every score, by score id.
     *
     * @param scores the scores
     * @param anomalous the labels, true for an anomaly
     * @return the table, in {@link AnomalyScores#kinds()} order
     */
    static Map<String, Map<String, Double>> aucs(AnomalyScores scores, boolean[] anomalous) {
        Map<String, Map<String, Double>> aucs = new LinkedHashMap<>();
        for (AnomalyScores.Kind kind : scores.kinds()) {
            double[] s = scores.anomaly(kind);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("roc_auc", RankMetrics.rocAuc(s, anomalous));
            m.put("pr_auc", RankMetrics.prAuc(s, anomalous));
            m.put("fpr_at_95_tpr", RankMetrics.fprAtTpr(s, anomalous, 0.95));
            aucs.put(kind.id(), m);
        }
        return aucs;
    }

    /**
     * The score the CSV and picture rank by: with labels, the one of highest ROC-AUC (the
     * picture then shows what the best score finds); without, the latent k-NN distance where
     * there is one (it ranked best on average in bench/RESULTS.md), else the negative ELBO.
     *
     * @param scores the scores
     * @param aucs their AUC table, or null without labels
     * @return the score
     */
    static AnomalyScores.Kind rankedBy(AnomalyScores scores, Map<String, Map<String, Double>> aucs) {
        if (aucs != null) {
            AnomalyScores.Kind best = null;
            for (AnomalyScores.Kind k : scores.kinds()) {
                if (best == null || aucs.get(k.id()).get("roc_auc")
                        > aucs.get(best.id()).get("roc_auc")) {
                    best = k;
                }
            }
            return best;
        }
        return scores.has(AnomalyScores.Kind.LATENT_KNN) ? AnomalyScores.Kind.LATENT_KNN
                : AnomalyScores.Kind.NEG_ELBO;
    }

    /** Image indices, most anomalous first by the given score. */
    static Integer[] rank(AnomalyScores scores, AnomalyScores.Kind by) {
        Integer[] idx = new Integer[scores.size()];
        Arrays.setAll(idx, i -> i);
        double[] s = scores.anomaly(by);
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> -s[i]));
        return idx;
    }

    /**
     * One row per image, ranked: the raw scores in their own orientation (log-probabilities,
     * higher = more normal; distances and -ELBO, higher = more anomalous), the complexity, and
     * the derived scores oriented like the AUC table (higher = more anomalous).
     */
    static void writeCsv(Path csv, ImageSet test, AnomalyScores s, Integer[] ranked)
            throws IOException {
        List<String> names = new ArrayList<>(List.of("rank", "index", "label"));
        List<double[]> columns = new ArrayList<>();
        if (s.has(AnomalyScores.Kind.NEG_ELBO)) {
            names.addAll(List.of("neg_elbo", "recon_log_prob", "log_likelihood"));
            columns.addAll(List.of(s.negElbo(), s.reconstructionLogProb(), s.logLikelihood()));
        }
        names.add("complexity");
        columns.add(s.complexity());
        if (s.has(AnomalyScores.Kind.COMPLEXITY_CORRECTED)) {
            names.add("complexity_corrected");
            columns.add(s.anomaly(AnomalyScores.Kind.COMPLEXITY_CORRECTED));
        }
        if (s.has(AnomalyScores.Kind.LIKELIHOOD_RATIO)) {
            names.addAll(List.of("background_log_likelihood", "likelihood_ratio"));
            columns.add(s.backgroundLogLikelihood());
            columns.add(s.anomaly(AnomalyScores.Kind.LIKELIHOOD_RATIO));
        }
        for (AnomalyScores.Kind k : List.of(AnomalyScores.Kind.LATENT_KNN,
                AnomalyScores.Kind.LATENT_MAHALANOBIS)) {
            if (s.has(k)) {
                names.add(k.id());
                columns.add(s.anomaly(k));
            }
        }
        StringBuilder sb = new StringBuilder(String.join(",", names)).append('\n');
        for (int r = 0; r < ranked.length; r++) {
            int i = ranked[r];
            sb.append(r + 1).append(',').append(i).append(',')
                    .append(test.hasLabels() ? Integer.toString(test.label(i)) : "");
            for (double[] c : columns) {
                sb.append(String.format(Locale.ROOT, ",%.4f", c[i]));
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(csv, sb.toString());
    }

    /**
     * Two rows of the most anomalous images, then two rows of the least anomalous, each end
     * labelled at its first row. An end that does not fill its rows is padded with blank tiles,
     * so that no row mixes the two ends.
     */
    static void writePng(Path file, ImageSet test, ModelConfig c, Integer[] ranked,
            AnomalyScores.Kind by)
            throws IOException {
        int shown = Math.min(SHOWN, ranked.length);
        int columns = Math.min(8, shown);
        int rowsPerEnd = (shown + columns - 1) / columns;
        float[] blank = new float[test.pixelsPerImage()];
        List<float[]> tiles = new ArrayList<>();
        for (int r = 0; r < rowsPerEnd * columns; r++) {
            tiles.add(r < shown ? test.toRows(new int[] {ranked[r]})[0] : blank);
        }
        for (int r = 0; r < rowsPerEnd * columns; r++) {
            tiles.add(r < shown ? test.toRows(new int[] {ranked[ranked.length - 1 - r]})[0]
                    : blank);
        }
        List<String> labels = new ArrayList<>();
        for (int row = 0; row < 2 * rowsPerEnd; row++) {
            // The second row of the first end says which score ranked them.
            labels.add(row == 0 ? "most anomalous" : row == rowsPerEnd ? "least anomalous"
                    : row == 1 ? "(" + by.id() + ")" : "");
        }
        ImageGrid.writePng(ImageGrid.labelRows(ImageGrid.render(tiles.toArray(new float[0][]),
                c.channels(), c.height(), c.width(), columns, 2), c.height() * 2, labels), file);
    }

}
