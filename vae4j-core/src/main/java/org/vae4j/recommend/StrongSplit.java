package org.vae4j.recommend;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.vae4j.data.Shuffler;
import org.vae4j.data.SparseRows;

/**
 * The strong-generalization split of Liang et al. (WWW 2018): users, not interactions, are held
 * out. A seeded permutation picks {@code validationUsers} and {@code testUsers}; the rest train.
 * Items no training user holds are removed from the held-out users (a model cannot know them,
 * as in the reference code). Each held-out user with at least {@value #MIN_SPLIT_ITEMS} items
 * then has {@code floor(targetShare · n)} of them drawn (seeded) as targets, the rest being the
 * fold-in a model sees; a user with fewer items keeps them all as fold-in and has no targets, so
 * the metrics skip them (as the reference code's data, filtered to users with 5 or more items,
 * never has such users).
 */
public final class StrongSplit {

    /** Users with fewer items than this are not split (the reference code's rule). */
    public static final int MIN_SPLIT_ITEMS = 5;

    /** The largest default held-out group (the paper's ML-20M and Netflix setting). */
    public static final int MAX_DEFAULT_HELD_OUT = 10_000;

    private final SparseRows train;
    private final HeldOutUsers validation;
    private final HeldOutUsers test;
    private final int[][] rows;

    private StrongSplit(SparseRows train, HeldOutUsers validation, HeldOutUsers test,
            int[][] rows) {
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.rows = rows;
    }

    /**
     * The default size of each held-out group: a tenth of the users, at most {@value
     * #MAX_DEFAULT_HELD_OUT}, at least 1.
     *
     * @param users the number of users
     * @return the group size
     */
    public static int defaultHeldOut(int users) {
        return Math.max(1, Math.min(MAX_DEFAULT_HELD_OUT, users / 10));
    }

    /**
     * Splits a matrix.
     *
     * @param data the users' interactions
     * @param validationUsers held-out users for model selection, &gt;= 1
     * @param testUsers held-out users for the reported numbers, &gt;= 1
     * @param targetShare the share of a held-out user's items to rank, in (0, 1)
     * @param seed seeds the user permutation and the target draws
     * @return the split
     * @throws IllegalArgumentException if a size is out of range or no user is left to train
     */
    public static StrongSplit of(SparseRows data, int validationUsers, int testUsers,
            double targetShare, long seed) {
        int n = data.size();
        if (validationUsers < 1 || testUsers < 1 || (long) validationUsers + testUsers >= n) {
            throw new IllegalArgumentException("validation and test users must be >= 1 and"
                    + " leave at least one training user of " + n + ", got " + validationUsers
                    + " and " + testUsers);
        }
        if (!(targetShare > 0 && targetShare < 1)) {
            throw new IllegalArgumentException("targetShare must be in (0, 1), got "
                    + targetShare);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] perm = Shuffler.permutation(n, random);
        int[] val = sorted(perm, 0, validationUsers);
        int[] tst = sorted(perm, validationUsers, validationUsers + testUsers);
        int[] trn = sorted(perm, validationUsers + testUsers, n);
        SparseRows train = data.select(trn, data.source() + " (training users)");
        int[] known = train.columnCounts();
        HeldOutUsers v = heldOut(data, val, known, targetShare, random.split(), "validation");
        HeldOutUsers t = heldOut(data, tst, known, targetShare, random.split(), "test");
        return new StrongSplit(train, v, t, new int[][] {trn, val, tst});
    }

    private static int[] sorted(int[] perm, int from, int to) {
        int[] a = Arrays.copyOfRange(perm, from, to);
        Arrays.sort(a);
        return a;
    }

    private static HeldOutUsers heldOut(SparseRows data, int[] users, int[] known,
            double targetShare, SplittableRandom random, String name) {
        int[][] foldIn = new int[users.length][];
        int[][] targets = new int[users.length][];
        for (int k = 0; k < users.length; k++) {
            int[] items = Arrays.stream(data.items(users[k])).filter(i -> known[i] > 0).toArray();
            int nTargets = items.length >= MIN_SPLIT_ITEMS ? (int) (targetShare * items.length) : 0;
            Shuffler.shuffle(items, random);
            targets[k] = Arrays.copyOfRange(items, 0, nTargets);
            foldIn[k] = Arrays.copyOfRange(items, nTargets, items.length);
        }
        String src = data.source() + " (" + name + " users";
        return new HeldOutUsers(SparseRows.ofItems(data.cols(), foldIn, src + ", fold-in)"),
                SparseRows.ofItems(data.cols(), targets, src + ", targets)"));
    }

    /**
     * Returns the training users' rows.
     *
     * @return every interaction of the training users
     */
    public SparseRows train() {
        return train;
    }

    /**
     * Returns the validation users.
     *
     * @return fold-in and targets
     */
    public HeldOutUsers validation() {
        return validation;
    }

    /**
     * Returns the test users.
     *
     * @return fold-in and targets
     */
    public HeldOutUsers test() {
        return test;
    }

    /**
     * Which rows of the input each part holds, ascending.
     *
     * @param part 0 train, 1 validation, 2 test
     * @return the input rows, a copy
     */
    public int[] rowsOf(int part) {
        return rows[part].clone();
    }
}
