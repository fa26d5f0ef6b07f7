package org.vae4j.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tick choice, labels and the framing of pictures. */
class FiguresTest {

    @Test
    void niceTicksForTypicalRanges() {
        assertEquals(1, Figures.niceStep(-2, 2, 6), 1e-12);    // raw 0.67 -> 1
        assertEquals(1, Figures.niceStep(-3, 3, 6), 1e-12);    // raw 1 -> 1
        assertEquals(0.2, Figures.niceStep(-0.5, 0.5, 6), 1e-12); // raw 0.167 -> 0.2
        assertEquals(5, Figures.niceStep(-12, 12, 6), 1e-12);  // raw 4 -> 5
        assertArrayEquals(new double[] {-2, -1, 0, 1, 2}, Figures.multiples(-2, 2, 1), 0);
        assertArrayEquals(new double[] {-0.4, -0.2, 0, 0.2, 0.4},
                Figures.multiples(-0.5, 0.5, 0.2), 1e-12);
        assertEquals("-0.4", Figures.tickLabel(-0.4, 0.2));
        assertEquals("0", Figures.tickLabel(-0.0, 1));
        assertEquals("15", Figures.tickLabel(15, 5));
    }

    @Test
    void shortNumbers() {
        assertEquals("2", Figures.number(2.0));
        assertEquals("-2.5", Figures.number(-2.5));
        assertEquals("0.333", Figures.number(1 / 3.0));
        assertEquals("0.33", Figures.number(1 / 3.0, 2));
        assertEquals("10", Figures.number(10.0001));
        assertEquals("0", Figures.number(-0.0001));
    }

    @Test
    void frameKeepsThePictureAndAddsMargins() {
        BufferedImage p = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        p.setRGB(0, 0, 0x123456);
        p.setRGB(39, 29, 0x654321);
        BufferedImage f = Figures.frame(p, "title", List.of(new Figures.Tick(20, "x")), "x axis",
                List.of(new Figures.Tick(15, "y")), "y axis", true);
        assertTrue(f.getWidth() > 40 && f.getHeight() > 30);
        // Find the picture inside the frame: its corners keep their colours.
        boolean found = false;
        for (int y = 0; y + 30 <= f.getHeight() && !found; y++) {
            for (int x = 0; x + 40 <= f.getWidth() && !found; x++) {
                found = (f.getRGB(x, y) & 0xFFFFFF) == 0x123456
                        && (f.getRGB(x + 39, y + 29) & 0xFFFFFF) == 0x654321;
            }
        }
        assertTrue(found, "picture copied unchanged");
    }

    @Test
    void longTitleStaysInsideDespiteWideLeftMargin() {
        BufferedImage p = new BufferedImage(100, 20, BufferedImage.TYPE_INT_RGB);
        String title = "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW";
        BufferedImage f = Figures.frame(p, title, List.of(), null,
                List.of(new Figures.Tick(10, "a very wide row label indeed")), null, false);
        // The title band: text ends inside the right padding, and reaches close to it.
        int band = 20;
        boolean nearRight = false;
        for (int y = 0; y < band; y++) {
            for (int x = f.getWidth() - 4; x < f.getWidth(); x++) {
                assertEquals(0xFFFFFF, f.getRGB(x, y) & 0xFFFFFF, "clipped at " + x + "," + y);
            }
            for (int x = f.getWidth() - 20; x < f.getWidth() - 4; x++) {
                nearRight |= (f.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF;
            }
        }
        assertTrue(nearRight, "the title spans the figure");
    }

    /**
     * Issue #14 item d: tick labels have a leading zero and one number of decimals per axis,
     * also when every value is the same (XChart printed ".16" and "-0.236811965703964").
     */
    @Test
    void decimalPatternsAreRoundAndConsistent() {
        assertEquals("0.00", Figures.decimalPattern(-0.3, 0.4));
        assertEquals("0.0", Figures.decimalPattern(0, 20));
        assertEquals("0", Figures.decimalPattern(0, 300));
        assertEquals("0.000", Figures.decimalPattern(0.1, 0.18));
        // A single value: decimals from its size, not all sixteen digits.
        assertEquals("0.000", Figures.decimalPattern(-0.236811965703964, -0.236811965703964));
        java.text.DecimalFormat f = new java.text.DecimalFormat(Figures.decimalPattern(0, 0.2),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        assertEquals("0.160", f.format(0.16));
        assertEquals("0.200", f.format(0.2));
    }
}
