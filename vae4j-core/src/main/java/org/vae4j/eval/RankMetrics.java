package org.vae4j.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * Threshold-free ranking metrics for anomaly scores: ROC AUC and average precision.
 *
 * <p>Both methods take one score per item, where a <em>higher</em> score means "more likely
 * positive" (for anomaly detection: positive = anomaly), and one label per item. Neither
 * depends on the scale of the scores, only on their order. Both run in {@code O(n log n)}
 * time and {@code O(n)} extra memory, and treat equal scores ({@code ==}, so {@code -0.0}
 * equals {@code 0.0}) as one threshold. Infinite scores are allowed, {@code NaN} is not.
 */
public final class RankMetrics {

    private RankMetrics() {
    }

    /**
     * Area under the ROC curve, equal to the Mann–Whitney statistic
     * {@code AUC = P(s₊ > s₋) + ½·P(s₊ = s₋)} for a random positive {@code s₊} and a random
     * negative {@code s₋}.
     *
     * <p>Computed from the rank sum: with all {@code n} scores ranked ascending from 1,
     * tied scores each getting the average of the ranks they span, and {@code R₊} the sum of
     * the positives' ranks, {@code AUC = (R₊ − n₊(n₊+1)/2) / (n₊·n₋)}. So 1 means every
     * positive scores above every negative, 0 the reverse, and 0.5 is chance (or all scores
     * equal).
     *
     * @param scores one score per item, higher meaning more likely positive; not {@code NaN}
     * @param positive {@code positive[i]} is the label of item {@code i}
     * @return the area, in {@code [0, 1]}
     * @throws IllegalArgumentException if the lengths differ, a score is {@code NaN}, or
     *     there is no positive or no negative item
     */
    public static double rocAuc(double[] scores, boolean[] positive) {
        double[][] split = split("rocAuc", scores, positive);
        double[] pos = split[0];
        double[] neg = split[1];
        // Walk both ascending arrays in step, one group of equal scores at a time. Ranks
        // a+1..a+k of a group of k ties average to a + (k+1)/2; doubled to stay integral.
        long twiceRankSum = 0;
        int i = 0;
        int j = 0;
        long below = 0;
        while (i < pos.length || j < neg.length) {
            double v = next(pos, i, neg, j, true);
            int i0 = i;
            int j0 = j;
            while (i < pos.length && pos[i] == v) {
                i++;
            }
            while (j < neg.length && neg[j] == v) {
                j++;
            }
            long tiedPos = i - i0;
            long tied = tiedPos + (j - j0);
            twiceRankSum += tiedPos * (2 * below + tied + 1);
            below += tied;
        }
        long np = pos.length;
        long nn = neg.length;
        double twiceU = twiceRankSum - (double) (np * (np + 1));
        return twiceU / (2.0 * np * nn);
    }

    /**
     * The false-positive rate at the first threshold that finds at least {@code tpr} of the
     * positives: items sorted by score, highest first, ties entering together; with {@code TP}
     * and {@code FP} the items scoring {@code >=} that threshold, {@code FPR = FP / n₋} at the
     * largest threshold where {@code TP / n₊ >= tpr}. FPR at 95 % TPR is the usual summary of an
     * out-of-distribution detector (lower is better).
     *
     * @param scores one score per item, higher meaning more likely positive; not {@code NaN}
     * @param positive {@code positive[i]} is the label of item {@code i}
     * @param tpr the true-positive rate to reach, in (0, 1]
     * @return the false-positive rate there, in [0, 1]
     * @throws IllegalArgumentException if the lengths differ, a score is {@code NaN}, there is no
     *     positive or no negative item, or {@code tpr} is outside (0, 1]
     */
    public static double fprAtTpr(double[] scores, boolean[] positive, double tpr) {
        if (!(tpr > 0 && tpr <= 1)) {
            throw new IllegalArgumentException("tpr must be in (0, 1], got " + tpr);
        }
        double[][] split = split("fprAtTpr", scores, positive);
        double[] pos = split[0];
        double[] neg = split[1];
        // Both ascending: walk down from the top, one group of equal scores at a time.
        int i = pos.length;
        int j = neg.length;
        while (i > 0 || j > 0) {
            double v = Math.max(i > 0 ? pos[i - 1] : Double.NEGATIVE_INFINITY,
                    j > 0 ? neg[j - 1] : Double.NEGATIVE_INFINITY);
            while (i > 0 && pos[i - 1] == v) {
                i--;
            }
            while (j > 0 && neg[j - 1] == v) {
                j--;
            }
            if ((pos.length - i) >= tpr * pos.length) {
                return (neg.length - j) / (double) neg.length;
            }
        }
        return 1.0;
    }

    /**
     * Average precision: the step-wise area under the precision-recall curve, as
     * scikit-learn's {@code average_precision_score}.
     *
     * <p>Items are sorted by score, highest first; each distinct score is one threshold
     * {@code k}, at which all items with that score enter together. With {@code TP_k} and
     * {@code FP_k} the positives and negatives scoring {@code >=} threshold {@code k},
     * precision {@code P_k = TP_k / (TP_k + FP_k)} and recall {@code R_k = TP_k / n₊}
     * ({@code R_0 = 0}):
     *
     * <pre>{@code AP = Σ_k (R_k − R_{k−1}) · P_k}</pre>
     *
     * <p>1 means every positive scores above every negative; if all scores are equal, AP is
     * the prevalence {@code n₊ / n}, which is also the expected AP of random scores.
     *
     * @param scores one score per item, higher meaning more likely positive; not {@code NaN}
     * @param positive {@code positive[i]} is the label of item {@code i}
     * @return the average precision, in {@code (0, 1]}
     * @throws IllegalArgumentException if the lengths differ, a score is {@code NaN}, or
     *     there is no positive or no negative item
     */
    public static double prAuc(double[] scores, boolean[] positive) {
        double[][] split = split("prAuc", scores, positive);
        double[] pos = split[0];
        double[] neg = split[1];
        // Walk both ascending arrays from their ends: highest scores first.
        int i = pos.length - 1;
        int j = neg.length - 1;
        long tp = 0;
        long fp = 0;
        double sum = 0;
        while (i >= 0 || j >= 0) {
            double v = next(pos, i, neg, j, false);
            long tp0 = tp;
            while (i >= 0 && pos[i] == v) {
                i--;
                tp++;
            }
            while (j >= 0 && neg[j] == v) {
                j--;
                fp++;
            }
            if (tp > tp0) {
                sum += (double) (tp - tp0) * tp / (tp + fp);
            }
        }
        return sum / pos.length;
    }

    /**
     * The next score to visit: the smaller (ascending) or larger (descending) of the two
     * arrays' current elements, skipping an array whose index is out of range.
     */
    private static double next(double[] pos, int i, double[] neg, int j, boolean ascending) {
        boolean hasPos = i >= 0 && i < pos.length;
        boolean hasNeg = j >= 0 && j < neg.length;
        if (!hasNeg) {
            return pos[i];
        }
        if (!hasPos) {
            return neg[j];
        }
        return ascending ? Math.min(pos[i], neg[j]) : Math.max(pos[i], neg[j]);
    }

    /**
     * Checks the arguments and returns the positives' and the negatives' scores, each sorted
     * ascending.
     */
    private static double[][] split(String method, double[] scores, boolean[] positive) {
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(positive, "positive");
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(method + ": scores.length is " + scores.length
                    + " but positive.length is " + positive.length);
        }
        int np = 0;
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException(method + ": scores[" + i + "] is NaN");
            }
            if (positive[i]) {
                np++;
            }
        }
        int nn = scores.length - np;
        if (np == 0 || nn == 0) {
            throw new IllegalArgumentException(method
                    + " needs at least one positive and one negative item, got " + np
                    + " positives and " + nn + " negatives");
        }
        double[] pos = new double[np];
        double[] neg = new double[nn];
        int p = 0;
        int q = 0;
        for (int i = 0; i < scores.length; i++) {
            if (positive[i]) {
                pos[p++] = scores[i];
            } else {
                neg[q++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        return new double[][] {pos, neg};
    }

    /**
     * Spearman's rank correlation: Pearson's correlation of the two score lists' ranks, tied
     * scores each getting the average of the ranks they span. 1 means the same order, -1 the
     * reverse; 0 when either list is constant (no order to compare).
     *
     * @param a one score per item
     * @param b one score per item, the same items
     * @return rho in [-1, 1]
     * @throws IllegalArgumentException if the lengths differ, there are fewer than 2 items or a
     *     score is NaN
     */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length || a.length < 2) {
            throw new IllegalArgumentException("spearman needs two lists of the same length >= 2,"
                    + " got " + a.length + " and " + b.length);
        }
        double[] ra = averageRanks(a);
        double[] rb = averageRanks(b);
        double mean = (a.length + 1) / 2.0;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            double x = ra[i] - mean;
            double y = rb[i] - mean;
            sab += x * y;
            saa += x * x;
            sbb += y * y;
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
    }

    /** 1-based ranks, ascending, ties averaged. */
    private static double[] averageRanks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                throw new IllegalArgumentException("spearman: score " + i + " is NaN");
            }
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
        double[] ranks = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double r = (i + j) / 2.0 + 1;
            for (int t = i; t <= j; t++) {
                ranks[order[t]] = r;
            }
            i = j + 1;
        }
        return ranks;
    }
}
