package org.vae4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.eval.AnomalyScores;
import org.vae4j.eval.RankMetrics;

/**
 * How far the scores of one run agree, without labels: the pair of scores (each oriented higher
 * = more anomalous) whose rankings correlate least (Spearman). A negative correlation means
 * they order the images the opposite way, so at least one of them ranks backwards here, which a
 * user without labels could not otherwise see.
 */
final class ScoreAgreement {

    /** Below this rho the two scores are said to disagree. */
    static final double DISAGREE = 0.0;

    private ScoreAgreement() {}

    /**
     * Two scores and their rank correlation.
     *
     * @param a the first score
     * @param b the second
     * @param rho Spearman's rho of their anomaly orientations
     */
    record Pair(AnomalyScores.Kind a, AnomalyScores.Kind b, double rho) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scores", List.of(a.id(), b.id()));
            m.put("spearman", rho);
            return m;
        }

        boolean disagree() {
            return rho < DISAGREE;
        }
    }

    /**
     * The least agreeing pair, or null with fewer than two scores or two images.
     *
     * @param scores the scores
     * @return the pair
     */
    static Pair leastAgreeing(AnomalyScores scores) {
        List<AnomalyScores.Kind> kinds = scores.kinds();
        if (kinds.size() < 2 || scores.size() < 2) {
            return null;
        }
        Pair worst = null;
        for (int i = 0; i < kinds.size(); i++) {
            double[] a = scores.anomaly(kinds.get(i));
            for (int j = i + 1; j < kinds.size(); j++) {
                double rho = RankMetrics.spearman(a, scores.anomaly(kinds.get(j)));
                if (worst == null || rho < worst.rho()) {
                    worst = new Pair(kinds.get(i), kinds.get(j), rho);
                }
            }
        }
        return worst;
    }
}
