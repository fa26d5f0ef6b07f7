package org.vae4j.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SourceNamesTest {

    @Test
    void aNameWithoutBracketGetsOne() {
        assertEquals("/data/shoes (train split)", SourceNames.qualify("/data/shoes", "train split"));
    }

    @Test
    void aSecondQualifierJoinsTheFirstBracket() {
        String split = SourceNames.qualify("/data/shoes", "validation split");
        assertEquals("/data/shoes (validation split; 24 images spread over the classes, seed 1)",
                SourceNames.qualify(split, "24 images spread over the classes, seed 1"));
    }

    @Test
    void nestedBracketsAreMatched() {
        // The trailing bracket opens at "(a (b) c)", not at "(b)".
        assertEquals("x (a (b) c; d)", SourceNames.qualify("x (a (b) c)", "d"));
        assertEquals(2, SourceNames.trailingBracketStart("x (a (b) c)"));
    }

    @Test
    void aBracketInTheMiddleIsPartOfTheName() {
        assertEquals("cifar (10) batches (first 5 images)",
                SourceNames.qualify("cifar (10) batches", "first 5 images"));
    }

    @Test
    void unbalancedOrWholeNameBracketsGetANewOne() {
        assertEquals("a) (q)", SourceNames.qualify("a)", "q"));
        assertEquals("(unnamed) (q)", SourceNames.qualify("(unnamed)", "q"));
    }

    @Test
    void badQualifiersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SourceNames.qualify("x", " "));
        assertThrows(IllegalArgumentException.class, () -> SourceNames.qualify("x", "a (b)"));
    }
}
