package org.vae4j.recommend;

import org.vae4j.data.Dataset;
import org.vae4j.data.SparseRows;

/**
 * Held-out users of the strong-generalization protocol: for each, the items a model sees (the
 * fold-in) and the items it must rank (the targets), disjoint. As a {@link Dataset} it is the
 * fold-in rows, so a trainer can batch them as validation data; a family's step that knows this
 * type reads the targets too.
 */
public final class HeldOutUsers implements Dataset {

    private final SparseRows foldIn;
    private final SparseRows targets;

    /**
     * Pairs fold-in and target rows.
     *
     * @param foldIn the items shown to a model, one row per user
     * @param targets the items to find, one row per user, disjoint from the fold-in
     * @throws IllegalArgumentException if the shapes differ or a user's rows overlap
     */
    public HeldOutUsers(SparseRows foldIn, SparseRows targets) {
        if (foldIn.size() != targets.size() || foldIn.cols() != targets.cols()) {
            throw new IllegalArgumentException("fold-in is " + foldIn.size() + " x "
                    + foldIn.cols() + " but targets are " + targets.size() + " x "
                    + targets.cols());
        }
        for (int u = 0; u < foldIn.size(); u++) {
            int[] a = foldIn.items(u);
            for (int t : targets.items(u)) {
                if (java.util.Arrays.binarySearch(a, t) >= 0) {
                    throw new IllegalArgumentException("held-out user " + u + " has item " + t
                            + " in both fold-in and targets");
                }
            }
        }
        this.foldIn = foldIn;
        this.targets = targets;
    }

    /**
     * Returns the fold-in rows.
     *
     * @return what a model sees
     */
    public SparseRows foldIn() {
        return foldIn;
    }

    /**
     * Returns the target rows.
     *
     * @return what a model must rank high
     */
    public SparseRows targets() {
        return targets;
    }

    @Override
    public int size() {
        return foldIn.size();
    }

    @Override
    public int rowWidth() {
        return foldIn.rowWidth();
    }

    @Override
    public boolean hasLabels() {
        return false;
    }

    @Override
    public int label(int i) {
        return foldIn.label(i);
    }

    @Override
    public String source() {
        return foldIn.source();
    }

    @Override
    public String fingerprint() {
        return org.vae4j.util.Hashing.sha256((foldIn.fingerprint() + "|" + targets.fingerprint())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void copyRows(int[] indices, int from, int n, float[] dst) {
        foldIn.copyRows(indices, from, n, dst);
    }
}
