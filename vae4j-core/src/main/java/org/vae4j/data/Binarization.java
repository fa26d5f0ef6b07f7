package org.vae4j.data;

import java.util.Locale;
import org.vae4j.util.Enums;

/** How grayscale pixels are turned into the values a model with a Bernoulli decoder sees. */
public enum Binarization {
    /** No binarization: grayscale values {@code value/255} in {@code [0, 1]}. */
    NONE,
    /**
     * Pixels thresholded once, when the data is loaded, at 0.5: a byte value {@code >= 128}
     * becomes 1, anything else 0 (see {@link ImageSet#binarizedStatic()}).
     */
    STATIC,
    /**
     * Every time an image is used for training, each pixel is resampled as {@code Bernoulli(p)}
     * with {@code p} its grayscale value (Salakhutdinov &amp; Murray 2008). The trainer does
     * this per batch; the data stays grayscale here.
     */
    DYNAMIC;

    /**
     * The lower-case identifier used on command lines and in saved configurations.
     *
     * @return {@code "none"}, {@code "static"} or {@code "dynamic"}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an identifier, ignoring case and surrounding blanks.
     *
     * @param s e.g. {@code "static"} or {@code "DYNAMIC"}
     * @return the matching constant
     * @throws IllegalArgumentException naming the valid values and the bad one
     */
    public static Binarization parse(String s) {
        return Enums.parse(Binarization.class, "binarization", s, Binarization::id);
    }
}
