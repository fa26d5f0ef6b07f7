package org.vae4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnumsTest {

    private enum Fruit {
        APPLE,
        BLOOD_ORANGE;

        String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Test
    void parseTrimsAndIgnoresCase() {
        assertEquals(Fruit.APPLE, Enums.parse(Fruit.class, "fruit", "apple", Fruit::id));
        assertEquals(Fruit.BLOOD_ORANGE,
                Enums.parse(Fruit.class, "fruit", " Blood-ORANGE\t", Fruit::id));
    }

    @Test
    void parseNamesTheBadValueAndTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Enums.parse(Fruit.class, "fruit", "pear", Fruit::id));
        assertEquals("fruit must be one of apple, blood-orange, got 'pear'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Enums.parse(Fruit.class, "fruit", null, Fruit::id));
        assertEquals("fruit must be one of apple, blood-orange, got null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Enums.parse(Fruit.class, "fruit", "", Fruit::id));
        assertEquals("fruit must be one of apple, blood-orange, got ''", e.getMessage());
    }

    @Test
    void parseLowerCaseIgnoresCaseButKeepsBlanks() {
        assertEquals(Fruit.BLOOD_ORANGE,
                Enums.parseLowerCase(Fruit.class, "fruit", "BLOOD-Orange", Fruit::id));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Enums.parseLowerCase(Fruit.class, "fruit", " apple", Fruit::id));
        assertEquals("fruit must be one of apple, blood-orange, got ' apple'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Enums.parseLowerCase(Fruit.class, "fruit", null, Fruit::id));
        assertEquals("fruit must be one of apple, blood-orange, got 'null'", e.getMessage());
    }

    @Test
    void findReturnsTheFirstMatchOrEmpty() {
        assertEquals(Optional.of(Fruit.APPLE),
                Enums.find(Fruit.class, Fruit::id, id -> id.contains("p")));
        assertEquals(Optional.of(Fruit.BLOOD_ORANGE),
                Enums.find(Fruit.class, Enum::name, "BLOOD_ORANGE"::equals));
        assertEquals(Optional.empty(), Enums.find(Fruit.class, Fruit::id, "kiwi"::equals));
    }

    @Test
    void idsAndQuoted() {
        assertEquals("apple, blood-orange", Enums.ids(Fruit.class, Fruit::id));
        assertEquals("'x'", Enums.quoted("x"));
        assertEquals("null", Enums.quoted(null));
        assertEquals("'null'", Enums.quoted("null"));
    }
}
