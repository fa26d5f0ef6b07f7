package org.vae4j.viz;

import java.io.IOException;
import java.nio.file.Path;
import org.vae4j.data.ImageSet;
import org.vae4j.io.AtomicFiles;
import org.vae4j.model.Encoding;
import org.vae4j.model.Encoder;
import org.vae4j.model.LatentCode;

/**
 * The codes of every image of a data set: the posterior parameters {@code q(z|x_i) = N(μ_i,
 * diag(exp(logvar_i)))} of a VAE, or the deterministic codes (as {@code μ}, no log-variances) of
 * an autoencoder, with the images' labels when the set has them.
 */
public final class LatentEmbedding {

    /** Images converted to float rows at a time, so a 60,000-image set is not copied whole. */
    private static final int CHUNK = 1000;

    private final float[][] mu;
    private final float[][] logvar;
    private final int[] labels;
    private final String source;

    private LatentEmbedding(float[][] mu, float[][] logvar, int[] labels, String source) {
        this.mu = mu;
        this.logvar = logvar;
        this.labels = labels;
        this.source = source;
    }

    /**
     * Encodes every image of {@code data}.
     *
     * @param vae any trained model
     * @param data images of the model's shape
     * @return {@code μ} and {@code logvar}, {@code [N][L]} each, in the order of {@code data}
     */
    public static LatentEmbedding of(Encoder vae, ImageSet data) {
        vae.checkShape(data);
        int n = data.size();
        float[][] mu = new float[n][];
        float[][] logvar = new float[n][];
        boolean gaussian = true;
        for (int from = 0; from < n; from += CHUNK) {
            int[] idx = new int[Math.min(CHUNK, n - from)];
            for (int k = 0; k < idx.length; k++) {
                idx[k] = from + k;
            }
            LatentCode e = vae.encode(data.toRows(idx), vae.labelsFor(data, idx));
            System.arraycopy(e.means(), 0, mu, from, idx.length);
            if (e instanceof Encoding g) {
                System.arraycopy(g.logvar(), 0, logvar, from, idx.length);
            } else {
                gaussian = false;
            }
        }
        return new LatentEmbedding(mu, gaussian ? logvar : null,
                data.hasLabels() ? data.labels() : null,
                data.source());
    }

    /**
     * Returns the number of images.
     *
     * @return N
     */
    public int size() {
        return mu.length;
    }

    /**
     * Returns the latent size.
     *
     * @return L
     */
    public int latentDim() {
        return mu[0].length;
    }

    /**
     * Returns all latent means.
     *
     * @return a copy, {@code [N][L]}
     */
    public float[][] means() {
        float[][] out = new float[mu.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = mu[i].clone();
        }
        return out;
    }

    /**
     * Returns one image's latent mean.
     *
     * @param i image index
     * @return a copy of {@code μ_i}, length L
     */
    public float[] mu(int i) {
        return mu[i].clone();
    }

    /**
     * Returns one image's latent log-variance.
     *
     * @param i image index
     * @return a copy of {@code logvar_i}, length L
     * @throws IllegalStateException if the codes are deterministic (an autoencoder's)
     */
    public float[] logvar(int i) {
        if (logvar == null) {
            throw new IllegalStateException("the codes of " + source + " have no variances");
        }
        return logvar[i].clone();
    }

    /**
     * Whether the codes are Gaussian posteriors (with log-variances) rather than points.
     *
     * @return true for a VAE's encodings
     */
    public boolean gaussian() {
        return logvar != null;
    }

    /**
     * Returns whether the images had labels.
     *
     * @return true if {@link #label(int)} may be called
     */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * Returns one image's label.
     *
     * @param i image index
     * @return its label
     * @throws IllegalStateException if the set had no labels
     */
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException(source + " has no labels");
        }
        return labels[i];
    }

    /**
     * Returns where the images came from.
     *
     * @return the data set's {@link ImageSet#source()}
     */
    public String source() {
        return source;
    }

    /**
     * Writes one row per image: {@code index,label,mu_0..mu_{L-1},logvar_0..logvar_{L-1}}
     * (no label column when the set has no labels; {@code z_0..z_{L-1}} for deterministic codes). Values use Java's shortest round-trip form,
     * so parsing a field gives back exactly the float {@code encode} returned.
     *
     * @param file the CSV file, written atomically
     * @throws IOException if writing fails
     */
    public void writeCsv(Path file) throws IOException {
        int l = latentDim();
        StringBuilder sb = new StringBuilder(size() * l * 24);
        sb.append("index");
        if (hasLabels()) {
            sb.append(",label");
        }
        // Deterministic codes have no log-variances: one z_j column each.
        String[] names = logvar == null ? new String[] {"z_"} : new String[] {"mu_", "logvar_"};
        float[][][] columns = logvar == null ? new float[][][] {mu} : new float[][][] {mu, logvar};
        for (String name : names) {
            for (int j = 0; j < l; j++) {
                sb.append(',').append(name).append(j);
            }
        }
        sb.append('\n');
        for (int i = 0; i < size(); i++) {
            sb.append(i);
            if (hasLabels()) {
                sb.append(',').append(labels[i]);
            }
            for (float[][] values : columns) {
                for (int j = 0; j < l; j++) {
                    sb.append(',').append(Float.toString(values[i][j]));
                }
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
