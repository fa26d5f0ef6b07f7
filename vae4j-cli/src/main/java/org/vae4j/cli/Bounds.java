package org.vae4j.cli;

import picocli.CommandLine;

/**
 * The one check every size flag goes through: a value outside {@code [min, max]} is a usage
 * error naming the flag, the range and the value. The upper ends keep a typo ({@code -k
 * 1000000}) from running for days or exhausting memory; each is far above what the methods'
 * authors use (Burda et al.: k = 5000 for -log p(x)).
 */
final class Bounds {

    /** Engine threads: more than any machine this runs on has cores. */
    static final int MAX_THREADS = 512;

    /** Images drawn or shown by one command (a 100x100 grid). */
    static final int MAX_IMAGES = 10_000;

    /** Importance samples per image of evaluate and score. */
    static final int MAX_IMPORTANCE_SAMPLES = 100_000;

    /** Inpainting rounds of reconstruct. */
    static final int MAX_INPAINT_STEPS = 1_000;

    /** Repeats of a scoring run. */
    static final int MAX_REPEAT = 1_000;

    private Bounds() {}

    /**
     * Checks {@code min <= value <= max}.
     *
     * @param cl the command line
     * @param flag e.g. {@code -n}
     * @param value the value given
     * @param min the smallest allowed
     * @param max the largest allowed
     * @return {@code value}
     * @throws CommandLine.ParameterException {@code "-n must be in [1, 10000], got 0"}
     */
    static int check(CommandLine cl, String flag, long value, long min, long max) {
        if (value < min || value > max) {
            throw new CommandLine.ParameterException(cl,
                    flag + " must be in [" + min + ", " + max + "], got " + value);
        }
        return (int) value;
    }
}
