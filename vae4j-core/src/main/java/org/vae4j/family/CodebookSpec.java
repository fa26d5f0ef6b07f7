package org.vae4j.family;

/**
 * The codebook settings of a {@link NetworkSpec} ({@code vae4j train}'s {@code --codebook-size},
 * {@code --code-dim}, {@code --commitment}, {@code --ema-decay}, {@code --dead-code-steps}): each
 * null when not given, so the vector-quantised family fills in its defaults and every other
 * family refuses any that is given. The components share their names with the configuration
 * that holds them, which is how a refusal or a resume names the flag.
 *
 * @param codebookSize K, the number of code vectors, or null
 * @param codeDim D, the size of each code vector, or null
 * @param commitment β, the weight of the commitment loss, or null
 * @param emaDecay γ of the exponential moving averages that update the codebook (0: the
 *     codebook is learned by gradient instead), or null
 * @param deadCodeSteps steps a code may go unused before it is restarted (0: never), or null
 */
public record CodebookSpec(
        Integer codebookSize,
        Integer codeDim,
        Double commitment,
        Double emaDecay,
        Integer deadCodeSteps) {

    /** No codebook setting given. */
    public static final CodebookSpec NONE = new CodebookSpec(null, null, null, null, null);

    /**
     * The first setting given, by component name.
     *
     * @return e.g. {@code codebookSize}, or null when none is given
     */
    public String firstGiven() {
        return codebookSize != null ? "codebookSize" : codeDim != null ? "codeDim"
                : commitment != null ? "commitment" : emaDecay != null ? "emaDecay"
                : deadCodeSteps != null ? "deadCodeSteps" : null;
    }

    /**
     * Refuses any codebook setting on behalf of a family without a codebook.
     *
     * @param family the family's id, for the message
     * @throws InvalidSpecException naming the first setting given
     */
    public void refuseFor(String family) {
        String given = firstGiven();
        if (given != null) {
            throw new InvalidSpecException(given, "family " + family + " has no codebook:"
                    + " codebook settings apply to the vqvae family only");
        }
    }
}
