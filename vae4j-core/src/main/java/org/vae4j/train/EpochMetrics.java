package org.vae4j.train;

import java.util.List;
import java.util.Locale;
import org.vae4j.model.Metrics;

/**
 * What one epoch of training measured: the family's metrics on the training steps and on the
 * validation set (per image, in nats for losses; validation values are NaN when there is no
 * validation set), wall time, throughput and memory.
 *
 * <p>Files name a metric {@code train_NAME} and {@code val_NAME}: a VAE's {@code metrics.csv}
 * reads {@code epoch,train_neg_elbo,train_reconstruction,train_kl,val_neg_elbo,...,seconds,
 * images_per_s,rss_mb}, as it always has.
 *
 * @param epoch 1-based epoch number
 * @param train mean training metrics over the epoch's steps
 * @param validation validation metrics at the end of the epoch (same names; NaN without data)
 * @param seconds wall time of the epoch's training steps (validation excluded)
 * @param imagesPerSecond training throughput
 * @param rssMb resident memory of the process after the epoch, in MiB (-1 if unknown)
 */
public record EpochMetrics(
        int epoch,
        Metrics train,
        Metrics validation,
        double seconds,
        double imagesPerSecond,
        double rssMb) {

    /** Checks the metric sets. */
    public EpochMetrics {
        if (train == null || validation == null) {
            throw new IllegalArgumentException("train and validation metrics must be given");
        }
    }

    /**
     * A training metric.
     *
     * @param name e.g. {@code neg_elbo}
     * @return its value, NaN if the family does not report it
     */
    public double train(String name) {
        return train.get(name);
    }

    /**
     * A validation metric.
     *
     * @param name e.g. {@code neg_elbo}
     * @return its value, NaN without validation data or if the family does not report it
     */
    public double validation(String name) {
        return validation.get(name);
    }

    /**
     * The CSV header of rows like this one.
     *
     * @return e.g. {@code epoch,train_reconstruction,val_reconstruction,seconds,...}
     */
    public String csvHeader() {
        StringBuilder b = new StringBuilder("epoch");
        for (String n : train.names()) {
            b.append(",train_").append(n);
        }
        for (String n : validation.names()) {
            b.append(",val_").append(n);
        }
        return b.append(",seconds,images_per_s,rss_mb").toString();
    }

    /**
     * Formats the record as one CSV row matching {@link #csvHeader()}.
     *
     * @return the row
     */
    public String csvRow() {
        StringBuilder b = new StringBuilder(Integer.toString(epoch));
        for (List<Double> values : List.of(
                List.copyOf(train.asMap().values()), List.copyOf(validation.asMap().values()))) {
            for (double v : values) {
                b.append(String.format(Locale.ROOT, ",%.4f", v));
            }
        }
        return b.append(String.format(Locale.ROOT, ",%.3f,%.1f,%.1f", seconds, imagesPerSecond,
                rssMb)).toString();
    }
}
