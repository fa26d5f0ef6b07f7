package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SparseRowsTest {

    private static SparseRows small() {
        // users: 0 -> {0, 2}, 1 -> {}, 2 -> {1, 2, 3}
        return new SparseRows(4, new int[] {0, 2, 2, 5}, new int[] {0, 2, 1, 2, 3},
                new float[] {1, 2, 1, 1, 3}, "small");
    }

    @Test
    void densifiesRowsInTheGivenOrder() {
        SparseRows m = small();
        float[] dst = new float[8];
        java.util.Arrays.fill(dst, 9f);
        m.copyRows(new int[] {2, 0}, 0, 2, dst);
        assertArrayEquals(new float[] {0, 1, 1, 3, 1, 0, 2, 0}, dst);
        m.copyRows(null, 1, 1, dst);
        assertArrayEquals(new float[] {0, 0, 0, 0}, java.util.Arrays.copyOf(dst, 4));
    }

    @Test
    void sizesCountsAndSelection() {
        SparseRows m = small();
        assertEquals(3, m.size());
        assertEquals(4, m.rowWidth());
        assertEquals(5, m.nnz());
        assertArrayEquals(new int[] {1, 1, 2, 1}, m.columnCounts());
        SparseRows s = m.select(new int[] {2, 0}, "sel");
        assertArrayEquals(new int[] {1, 2, 3}, s.items(0));
        assertArrayEquals(new float[] {2f}, new float[] {s.values(1)[1]});
    }

    @Test
    void fingerprintFollowsContent() {
        assertEquals(small().fingerprint(), small().fingerprint());
        SparseRows other = new SparseRows(4, new int[] {0, 2, 2, 5}, new int[] {0, 2, 1, 2, 3},
                new float[] {1, 2, 1, 1, 4}, "small");
        assertNotEquals(small().fingerprint(), other.fingerprint());
        assertTrue(small().fingerprint().startsWith("sha256:"));
    }

    @Test
    void ofItemsSortsAndDeduplicates() {
        SparseRows m = SparseRows.ofItems(5, new int[][] {{4, 1, 4}, {}}, "x");
        assertArrayEquals(new int[] {1, 4}, m.items(0));
        assertEquals(0, m.rowLength(1));
    }

    @Test
    void refusesBadArrays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SparseRows(3, new int[] {0, 2}, new int[] {2, 1}, null, "x"));
        assertTrue(e.getMessage().contains("not ascending"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SparseRows(3, new int[] {0, 1}, new int[] {3}, null, "x"));
        assertThrows(IllegalArgumentException.class,
                () -> new SparseRows(3, new int[] {0, 1}, new int[] {0}, new float[] {0}, "x"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new SparseRows(0, new int[] {0}, new int[0], null, "x"));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }
}
