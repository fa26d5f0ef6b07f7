package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpreadSampleTest {

    /** 100 images sorted by class, as a class folder reads: 40 of class 0, 30, 20, 10. */
    private static ImageSet sortedByClass() {
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i < 40 ? 0 : i < 70 ? 1 : i < 90 ? 2 : 3;
        }
        byte[] pixels = new byte[100];
        for (int i = 0; i < 100; i++) {
            pixels[i] = (byte) i;
        }
        return new ImageSet(pixels, 100, 1, 1, 1, labels, "sorted");
    }

    @Test
    void labelledSampleTakesTheClassesInTurn() {
        ImageSet set = sortedByClass();
        int[] picked = SpreadSample.indices(set, 12, 3);
        assertEquals(12, picked.length);
        for (int k = 0; k < 12; k++) {
            assertEquals(k % 4, set.label(picked[k]), "image " + k + " of " + Arrays.toString(picked));
        }
        assertEquals(12, Arrays.stream(picked).distinct().count());
        assertArrayEquals(picked, SpreadSample.indices(set, 12, 3), "same seed, same sample");
        assertFalse(Arrays.equals(picked, SpreadSample.indices(set, 12, 4)), "seed matters");
    }

    @Test
    void aSmallClassDropsOutWhenItRunsOut() {
        ImageSet set = sortedByClass();
        int[] picked = SpreadSample.indices(set, 80, 1);
        int[] counts = new int[4];
        for (int i : picked) {
            counts[set.label(i)]++;
        }
        // 10 rounds of 4 take all of class 3, 10 rounds of 3 all of class 2, then 5 of 2.
        assertArrayEquals(new int[] {25, 25, 20, 10}, counts, Arrays.toString(counts));
        assertEquals(100, SpreadSample.indices(set, 500, 1).length, "at most the whole set");
    }

    @Test
    void unlabelledSampleIsSeededAndInSetOrder() {
        ImageSet set = new ImageSet(new byte[50], 50, 1, 1, 1, null, "flat");
        int[] picked = SpreadSample.indices(set, 10, 9);
        int[] sorted = picked.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, picked);
        Set<Integer> distinct = new HashSet<>();
        Arrays.stream(picked).forEach(distinct::add);
        assertEquals(10, distinct.size());
        assertFalse(Arrays.equals(picked, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}),
                "not the first 10");
        assertArrayEquals(picked, SpreadSample.indices(set, 10, 9));
        assertThrows(IllegalArgumentException.class, () -> SpreadSample.indices(set, 0, 9));
    }

    @Test
    void inOrderKeepsFileOrderAndTheWholeSetWhenItFits() {
        ImageSet set = sortedByClass();
        ImageSet limited = SpreadSample.inOrder(set, 8, 0);
        assertEquals(8, limited.size());
        int[] counts = new int[4];
        for (int i = 0; i < 8; i++) {
            counts[limited.label(i)]++;
            if (i > 0) {
                assertTrue(limited.pixel(i, 0) > limited.pixel(i - 1, 0), "file order");
            }
        }
        assertArrayEquals(new int[] {2, 2, 2, 2}, counts);
        assertTrue(limited.source().contains("8 images spread over the classes, seed 0"),
                limited.source());
        assertSame(set, SpreadSample.inOrder(set, 100, 0));
        ImageSet shown = SpreadSample.of(set, 4, 0);
        assertEquals(0, shown.label(0));
        assertEquals(3, shown.label(3));
    }

    /** Issue 14, item 20: a sample of a split is named with one bracket, not two. */
    @Test
    void aSampleOfASplitHasOneBracket() {
        ImageSet validation = Split.of(sortedByClass(), 0.5, 1).validation();
        ImageSet shown = SpreadSample.of(validation, 4, 7);
        assertEquals("sorted (validation split; 4 images spread over the classes, seed 7)",
                shown.source());
        assertEquals("sorted (validation split; 4 images spread over the classes, seed 7;"
                + " first 2 images)", shown.first(2).source());
    }
}
