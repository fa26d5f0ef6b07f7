package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SplitTest {
    /** Images 0..99, each filled with its own index, label index % 10. */
    private final ImageSet all = TestData.constantImages(100, 2, 2);

    @Test
    void sizesDisjointAndCovering() {
        Split s = Split.of(all, 0.1, 5);
        assertEquals(90, s.train().size());
        assertEquals(10, s.validation().size());
        List<Integer> train = ids(s.train());
        List<Integer> val = ids(s.validation());
        Set<Integer> union = new HashSet<>(train);
        union.addAll(val);
        assertEquals(100, union.size());
        for (int v : val) {
            assertFalse(train.contains(v), "image " + v + " in both parts");
        }
        // Labels travel with their images.
        for (int k = 0; k < s.validation().size(); k++) {
            assertEquals(val.get(k) % 10, s.validation().label(k));
        }
        assertEquals(all.source() + " (train split)", s.train().source());
        assertEquals(all.source() + " (validation split)", s.validation().source());
    }

    @Test
    void deterministicPerSeed() {
        assertEquals(ids(Split.of(all, 0.2, 11).validation()),
                ids(Split.of(all, 0.2, 11).validation()));
        assertFalse(ids(Split.of(all, 0.2, 11).validation())
                .equals(ids(Split.of(all, 0.2, 12).validation())));
    }

    @Test
    void roundingAndBounds() {
        assertEquals(1, Split.of(all, 0.001, 1).validation().size());
        assertEquals(99, Split.of(all, 0.999, 1).validation().size());
        assertEquals(1, Split.of(all, 0.999, 1).train().size());
        assertEquals(25, Split.of(all, 0.25, 1).validation().size());
        Split two = Split.of(TestData.constantImages(2, 1, 1), 0.5, 1);
        assertEquals(1, two.train().size());
        assertEquals(1, two.validation().size());
    }

    @Test
    void zeroFractionMeansNoValidation() {
        Split s = Split.of(all, 0, 1);
        assertSame(all, s.train());
        assertNull(s.validation());
    }

    @Test
    void rejectsBadFractions() {
        for (double f : new double[] {-0.1, 1.0, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Split.of(all, f, 1));
            assertTrue(e.getMessage().contains(String.valueOf(f)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> Split.of(TestData.constantImages(1, 1, 1), 0.5, 1));
    }

    private static List<Integer> ids(ImageSet s) {
        List<Integer> ids = new ArrayList<>();
        for (int k = 0; k < s.size(); k++) {
            ids.add(s.pixel(k, 0));
        }
        return ids;
    }
}
