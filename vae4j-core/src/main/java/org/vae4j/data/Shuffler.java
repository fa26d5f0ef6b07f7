package org.vae4j.data;

import java.util.SplittableRandom;

/**
 * Deterministic shuffling. The order of epoch {@code e} depends only on {@code (seed, e)}, so a
 * run resumed at epoch {@code e} sees exactly the batches an uninterrupted run would have seen.
 */
public final class Shuffler {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private Shuffler() {
    }

    /**
     * A permutation of {@code 0..n-1} for one epoch.
     *
     * @param n number of elements, {@code >= 0}
     * @param seed run seed
     * @param epoch epoch number (any value; usually 0-based)
     * @return a new array of length {@code n} holding each of {@code 0..n-1} exactly once
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static int[] permutation(int n, long seed, int epoch) {
        return permutation(n, new SplittableRandom(mix(seed * GOLDEN_GAMMA + epoch)));
    }

    /**
     * A permutation of {@code 0..n-1} drawn from the given generator (Fisher–Yates).
     *
     * @param n number of elements, {@code >= 0}
     * @param random the source of randomness; advanced by {@code n - 1} draws
     * @return a new array of length {@code n} holding each of {@code 0..n-1} exactly once
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public static int[] permutation(int n, SplittableRandom random) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation size must be >= 0, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, random);
        return p;
    }

    /**
     * Shuffles an array in place (Fisher–Yates).
     *
     * @param values the array to shuffle
     * @param random the source of randomness
     */
    public static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** The SplitMix64 finalizer: neighbouring (seed, epoch) pairs get unrelated streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
