package org.vae4j.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BinarizationTest {
    @Test
    void parsesIgnoringCase() {
        assertEquals(Binarization.NONE, Binarization.parse("none"));
        assertEquals(Binarization.STATIC, Binarization.parse("Static"));
        assertEquals(Binarization.DYNAMIC, Binarization.parse(" DYNAMIC "));
        for (Binarization b : Binarization.values()) {
            assertEquals(b, Binarization.parse(b.id()));
        }
        assertEquals("dynamic", Binarization.DYNAMIC.id());
    }

    @Test
    void errorListsValidValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Binarization.parse("foo"));
        assertEquals("binarization must be one of none, static, dynamic, got 'foo'",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Binarization.parse(null));
        assertEquals("binarization must be one of none, static, dynamic, got null",
                e.getMessage());
    }
}
