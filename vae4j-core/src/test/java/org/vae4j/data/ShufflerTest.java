package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShufflerTest {
    @Test
    void isAPermutation() {
        int[] p = Shuffler.permutation(1000, 3, 0);
        boolean[] seen = new boolean[1000];
        for (int v : p) {
            assertFalse(seen[v], "repeated " + v);
            seen[v] = true;
        }
        int[] identity = new int[1000];
        Arrays.setAll(identity, i -> i);
        assertFalse(Arrays.equals(identity, p), "not shuffled");
        assertEquals(0, Shuffler.permutation(0, 3, 0).length);
        assertArrayEquals(new int[] {0}, Shuffler.permutation(1, 3, 0));
        assertThrows(IllegalArgumentException.class, () -> Shuffler.permutation(-1, 3, 0));
    }

    @Test
    void deterministicForSeedAndEpoch() {
        assertArrayEquals(Shuffler.permutation(500, 9, 4), Shuffler.permutation(500, 9, 4));
        // Computing other epochs first (an uninterrupted run) does not change epoch 4.
        for (int e = 0; e < 4; e++) {
            Shuffler.permutation(500, 9, e);
        }
        assertArrayEquals(Shuffler.permutation(500, 9, 4), Shuffler.permutation(500, 9, 4));
    }

    @Test
    void differsByEpochAndSeed() {
        int[] e0 = Shuffler.permutation(500, 9, 0);
        assertFalse(Arrays.equals(e0, Shuffler.permutation(500, 9, 1)));
        assertFalse(Arrays.equals(e0, Shuffler.permutation(500, 10, 0)));
        // Neighbouring (seed, epoch) pairs must not collide.
        assertFalse(Arrays.equals(Shuffler.permutation(500, 1, 0),
                Shuffler.permutation(500, 0, 1)));
    }
}
