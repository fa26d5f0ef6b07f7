package org.vae4j.eval.quality;

/**
 * How the domain classifier is shaped and trained. Part of the cache key: a cached classifier
 * trained with other options is rebuilt.
 *
 * @param convChannels channels of the first convolution; the second has twice as many
 * @param epochs passes over the labelled training images
 * @param batchSize images per Adam step
 * @param learningRate Adam's initial step size, decayed by a cosine to 0 over the epochs
 * @param dropout dropout rate before each dense layer, in [0, 1)
 * @param seed seeds the initialisation, the shuffling and the dropout masks
 */
public record ClassifierOptions(int convChannels, int epochs, int batchSize, double learningRate,
        double dropout, long seed) {

    /** Largest first-layer width: the network stays LeNet-sized. */
    public static final int MAX_CHANNELS = 256;

    /** Largest epoch count. */
    public static final int MAX_EPOCHS = 1000;

    /** Checks every value. */
    public ClassifierOptions {
        if (convChannels < 1 || convChannels > MAX_CHANNELS) {
            throw new IllegalArgumentException("convChannels must be in [1, " + MAX_CHANNELS
                    + "], got " + convChannels);
        }
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException("epochs must be in [1, " + MAX_EPOCHS + "], got "
                    + epochs);
        }
        if (batchSize < 1 || batchSize > 1 << 16) {
            throw new IllegalArgumentException("batchSize must be in [1, 65536], got "
                    + batchSize);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be > 0 and finite, got "
                    + learningRate);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
    }

    /**
     * The defaults vae4j's quality command uses.
     *
     * @return the default options
     */
    public static ClassifierOptions defaults() {
        return new ClassifierOptions(16, 8, 128, 2e-3, 0.3, 1);
    }

    /**
     * The same options with another epoch count (tests train for one).
     *
     * @param n passes over the data
     * @return new options
     */
    public ClassifierOptions withEpochs(int n) {
        return new ClassifierOptions(convChannels, n, batchSize, learningRate, dropout, seed);
    }

    /** The options as a cache key: every field, in a fixed order. */
    String key() {
        return "conv" + convChannels + "-e" + epochs + "-b" + batchSize + "-lr" + learningRate
                + "-d" + dropout + "-s" + seed;
    }
}
