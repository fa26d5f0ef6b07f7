package org.vae4j.train;

/**
 * What one epoch of training measured. Loss values are per image, in nats; validation values
 * are NaN when there is no validation set.
 *
 * @param epoch 1-based epoch number
 * @param trainNegElbo mean training negative ELBO over the epoch's steps
 * @param trainReconstruction mean training reconstruction term
 * @param trainKl mean training KL term
 * @param valNegElbo validation negative ELBO at the end of the epoch
 * @param valReconstruction validation reconstruction term
 * @param valKl validation KL term
 * @param seconds wall time of the epoch's training steps (validation excluded)
 * @param imagesPerSecond training throughput
 * @param rssMb resident memory of the process after the epoch, in MiB (-1 if unknown)
 */
public record EpochMetrics(
        int epoch,
        double trainNegElbo,
        double trainReconstruction,
        double trainKl,
        double valNegElbo,
        double valReconstruction,
        double valKl,
        double seconds,
        double imagesPerSecond,
        double rssMb) {

    /** Column names of {@link #csvRow()}, in order. */
    public static final String CSV_HEADER =
            "epoch,train_neg_elbo,train_reconstruction,train_kl,val_neg_elbo,val_reconstruction,"
                    + "val_kl,seconds,images_per_s,rss_mb";

    /**
     * Formats the record as one CSV row matching {@link #CSV_HEADER}.
     *
     * @return the row
     */
    public String csvRow() {
        return String.format(
                java.util.Locale.ROOT,
                "%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.3f,%.1f,%.1f",
                epoch,
                trainNegElbo,
                trainReconstruction,
                trainKl,
                valNegElbo,
                valReconstruction,
                valKl,
                seconds,
                imagesPerSecond,
                rssMb);
    }
}
