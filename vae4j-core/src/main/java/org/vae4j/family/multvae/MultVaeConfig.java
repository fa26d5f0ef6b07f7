package org.vae4j.family.multvae;

import java.util.List;
import org.vae4j.data.Binarization;
import org.vae4j.data.SparseRows;
import org.vae4j.model.ModelConfig;

/**
 * The configuration of a Mult-VAE or Mult-DAE over {@code items} items: the network {@code [I -
 * hidden - latentDim - reversed(hidden) - I]} with tanh between layers (the paper's {@code [I -
 * 600 - 200 - 600 - I]} by default), dropout on the L2-normalised input, and for the VAE the KL
 * weight β annealed linearly from 0 to {@code annealCap} over {@code annealSteps} updates.
 *
 * @param items I, the number of items
 * @param hidden hidden widths of the encoder (the decoder mirrors them), each in [1, 65536]
 * @param latentDim the code size, in [1, 65536]
 * @param variational true for Mult-VAE, false for Mult-DAE
 * @param dropout the input dropout rate, in [0, 1)
 * @param annealCap the largest KL weight β, in [0, 1] (the VAE's; 0.2 in the paper)
 * @param annealSteps updates over which β rises to the cap; 0 starts at the cap
 */
public record MultVaeConfig(
        int items,
        List<Integer> hidden,
        int latentDim,
        boolean variational,
        double dropout,
        double annealCap,
        long annealSteps) implements ModelConfig {

    /** The VAE's family id. */
    public static final String VAE = "multvae";

    /** The DAE's family id. */
    public static final String DAE = "multdae";

    /** The largest layer width. */
    public static final int MAX_WIDTH = 65_536;

    /** Checks every value; messages name the bad one. */
    public MultVaeConfig {
        if (items < 1 || items > SparseRows.MAX_COLS) {
            throw new IllegalArgumentException("items must be in [1, " + SparseRows.MAX_COLS
                    + "], got " + items);
        }
        hidden = hidden == null ? List.of(600) : List.copyOf(hidden);
        if (hidden.size() > 8) {
            throw new IllegalArgumentException("at most 8 hidden layers, got " + hidden.size());
        }
        for (int h : hidden) {
            if (h < 1 || h > MAX_WIDTH) {
                throw new IllegalArgumentException("hidden widths must be in [1, " + MAX_WIDTH
                        + "], got " + h);
            }
        }
        if (latentDim < 1 || latentDim > MAX_WIDTH) {
            throw new IllegalArgumentException("latentDim must be in [1, " + MAX_WIDTH
                    + "], got " + latentDim);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(annealCap >= 0 && annealCap <= 1)) {
            throw new IllegalArgumentException("annealCap must be in [0, 1], got " + annealCap);
        }
        if (annealSteps < 0) {
            throw new IllegalArgumentException("annealSteps must be >= 0, got " + annealSteps);
        }
    }

    /**
     * The paper's settings for a catalogue: {@code [I-600-200-600-I]}, dropout 0.5, β up to 0.2.
     *
     * @param items I
     * @param variational Mult-VAE (true) or Mult-DAE
     * @param annealSteps updates over which β reaches its cap
     * @return the configuration
     */
    public static MultVaeConfig paper(int items, boolean variational, long annealSteps) {
        return new MultVaeConfig(items, List.of(600), 200, variational, 0.5, 0.2, annealSteps);
    }

    /**
     * The KL weight after {@code step} updates: {@code min(cap, step / annealSteps)}.
     *
     * @param step updates so far
     * @return β
     */
    public double beta(long step) {
        return annealSteps == 0 ? annealCap : Math.min(annealCap, step / (double) annealSteps);
    }

    @Override
    public String family() {
        return variational ? VAE : DAE;
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int height() {
        return 1;
    }

    @Override
    public int width() {
        return items;
    }

    @Override
    public Binarization binarization() {
        return Binarization.NONE;
    }

    @Override
    public String summary() {
        return (variational ? "Mult-VAE " : "Mult-DAE ") + items + "-" + hidden + "-" + latentDim
                + ", tanh, dropout " + dropout + (variational ? ", beta up to " + annealCap
                + " over " + annealSteps + " steps" : "");
    }
}
