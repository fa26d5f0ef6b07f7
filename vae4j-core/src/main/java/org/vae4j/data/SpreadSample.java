package org.vae4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.vae4j.util.SourceNames;

/**
 * A seeded sample of images spread over the classes, for pictures and for {@code --limit} on
 * image folders. A folder's images come sorted by path, so by class, and a validation split keeps
 * that order: "the first N images" of such a set are nearly all class 0. With labels, the sample
 * takes the classes in turn (0, 1, ..., K-1, 0, 1, ...), each class's images in a seeded random
 * order, until {@code n} are taken or the images run out; a class with fewer images drops out of
 * the turn when it has none left. Without labels it is a seeded random sample in set order.
 */
public final class SpreadSample {

    private SpreadSample() {}

    /**
     * The indices of the sample, labelled sets in turn order (so a grid row shows several
     * classes), unlabelled ones ascending.
     *
     * @param set the images
     * @param n how many, &gt; 0; {@code min(n, set.size())} are returned
     * @param seed the same seed gives the same indices
     * @return distinct indices into {@code set}
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static int[] indices(ImageSet set, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("a sample needs n >= 1, got " + n
                    + " (" + set.source() + ")");
        }
        int take = Math.min(n, set.size());
        SplittableRandom random = new SplittableRandom(seed);
        if (!set.hasLabels()) {
            int[] order = Shuffler.permutation(set.size(), random);
            int[] picked = Arrays.copyOf(order, take);
            Arrays.sort(picked);
            return picked;
        }
        List<int[]> byClass = byClass(set, random);
        int[] picked = new int[take];
        int[] next = new int[byClass.size()];
        int k = 0;
        while (k < take) {
            for (int c = 0; c < byClass.size() && k < take; c++) {
                int[] members = byClass.get(c);
                if (next[c] < members.length) {
                    picked[k++] = members[next[c]++];
                }
            }
        }
        return picked;
    }

    /**
     * The sample as a set, for pictures: its images in the order of {@link #indices}.
     *
     * @param set the images
     * @param n how many, &gt; 0
     * @param seed the sample's seed
     * @return a new set of {@code min(n, set.size())} images with their labels and class names,
     *     whose source names the sample
     */
    public static ImageSet of(ImageSet set, int n, long seed) {
        int[] picked = indices(set, n, seed);
        return set.subset(picked, named(set, picked.length, seed));
    }

    /**
     * A sample kept in set order, for {@code --limit}: the same images as {@link #indices},
     * sorted, so that reading and training see them in file order.
     *
     * @param set the images
     * @param n how many, &gt; 0
     * @param seed the sample's seed
     * @return {@code set} itself if {@code n >= set.size()}, else a new set
     */
    public static ImageSet inOrder(ImageSet set, int n, long seed) {
        if (n >= set.size()) {
            return set;
        }
        int[] picked = indices(set, n, seed);
        Arrays.sort(picked);
        return set.subset(picked, named(set, n, seed));
    }

    /** The sample's source name: the set's, qualified with how it was drawn. */
    private static String named(ImageSet set, int n, long seed) {
        return SourceNames.qualify(set.source(), n + " images "
                + (set.hasLabels() ? "spread over the classes" : "sampled") + ", seed " + seed);
    }

    /** Each label's indices (labels 0..max, empty ones dropped), each list shuffled. */
    private static List<int[]> byClass(ImageSet set, SplittableRandom random) {
        int max = 0;
        for (int i = 0; i < set.size(); i++) {
            max = Math.max(max, set.label(i));
        }
        int[] counts = new int[max + 1];
        for (int i = 0; i < set.size(); i++) {
            counts[set.label(i)]++;
        }
        int[][] members = new int[max + 1][];
        for (int c = 0; c <= max; c++) {
            members[c] = new int[counts[c]];
        }
        int[] fill = new int[max + 1];
        for (int i = 0; i < set.size(); i++) {
            int c = set.label(i);
            members[c][fill[c]++] = i;
        }
        List<int[]> out = new ArrayList<>();
        for (int[] m : members) {
            if (m.length > 0) {
                Shuffler.shuffle(m, random);
                out.add(m);
            }
        }
        return out;
    }
}
