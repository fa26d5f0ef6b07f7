package org.vae4j.recommend;

import java.util.Locale;

/**
 * A mean over users with its standard error, {@code se = σ / sqrt(n)} with the population σ
 * ({@code numpy.std}, as the reference code reports).
 *
 * @param mean the mean
 * @param se its standard error
 * @param n the number of users
 */
public record MeanSe(double mean, double se, int n) {

    /**
     * Summarises values.
     *
     * @param values one per user
     * @return mean and standard error (NaN for no values)
     */
    public static MeanSe of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new MeanSe(Double.NaN, Double.NaN, 0);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        double sq = 0;
        for (double v : values) {
            sq += (v - mean) * (v - mean);
        }
        return new MeanSe(mean, Math.sqrt(sq / n) / Math.sqrt(n), n);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean, se);
    }
}
