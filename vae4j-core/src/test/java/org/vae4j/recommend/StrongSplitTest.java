package org.vae4j.recommend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.vae4j.data.SparseRows;

class StrongSplitTest {

    private static SparseRows random(int users, int items, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] rows = new int[users][];
        for (int u = 0; u < users; u++) {
            rows[u] = r.ints(1 + r.nextInt(15), 0, items).toArray();
        }
        return SparseRows.ofItems(items, rows, "random");
    }

    @Test
    void usersArePartitionedAndEachHeldOutUserIsSplitDisjointly() {
        SparseRows data = random(200, 30, 3);
        StrongSplit s = StrongSplit.of(data, 20, 30, 0.2, 7);
        assertEquals(150, s.train().size());
        assertEquals(20, s.validation().size());
        assertEquals(30, s.test().size());
        Set<Integer> all = new HashSet<>();
        for (int part = 0; part < 3; part++) {
            for (int u : s.rowsOf(part)) {
                assertTrue(all.add(u), "user " + u + " is in two parts");
            }
        }
        assertEquals(200, all.size());
        int[] known = s.train().columnCounts();
        for (HeldOutUsers h : new HeldOutUsers[] {s.validation(), s.test()}) {
            int[] rows = h == s.test() ? s.rowsOf(2) : s.rowsOf(1);
            for (int k = 0; k < h.size(); k++) {
                int[] f = h.foldIn().items(k);
                int[] t = h.targets().items(k);
                for (int i : t) {
                    assertTrue(Arrays.binarySearch(f, i) < 0, "item " + i + " in both");
                }
                // together they are the user's items that some training user holds
                int[] want = Arrays.stream(data.items(rows[k])).filter(i -> known[i] > 0)
                        .toArray();
                int[] got = IntStream.concat(Arrays.stream(f), Arrays.stream(t)).sorted()
                        .toArray();
                assertArrayEquals(want, got);
                int n = want.length;
                assertEquals(n >= 5 ? (int) (0.2 * n) : 0, t.length);
            }
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOther() {
        SparseRows data = random(100, 20, 1);
        StrongSplit a = StrongSplit.of(data, 10, 10, 0.2, 5);
        StrongSplit b = StrongSplit.of(data, 10, 10, 0.2, 5);
        StrongSplit c = StrongSplit.of(data, 10, 10, 0.2, 6);
        assertEquals(a.test().fingerprint(), b.test().fingerprint());
        assertTrue(!Arrays.equals(a.rowsOf(2), c.rowsOf(2)));
    }

    @Test
    void refusesSizesThatLeaveNoTrainingUser() {
        SparseRows data = random(10, 5, 1);
        assertThrows(IllegalArgumentException.class, () -> StrongSplit.of(data, 5, 5, 0.2, 1));
        assertThrows(IllegalArgumentException.class, () -> StrongSplit.of(data, 0, 5, 0.2, 1));
        assertThrows(IllegalArgumentException.class, () -> StrongSplit.of(data, 1, 1, 1.0, 1));
        assertEquals(10_000, StrongSplit.defaultHeldOut(1_000_000));
        assertEquals(13, StrongSplit.defaultHeldOut(130));
        assertEquals(1, StrongSplit.defaultHeldOut(3));
    }

    @Test
    void heldOutUsersRefuseOverlap() {
        SparseRows f = SparseRows.ofItems(3, new int[][] {{0, 1}}, "f");
        SparseRows t = SparseRows.ofItems(3, new int[][] {{1}}, "t");
        assertThrows(IllegalArgumentException.class, () -> new HeldOutUsers(f, t));
    }
}
