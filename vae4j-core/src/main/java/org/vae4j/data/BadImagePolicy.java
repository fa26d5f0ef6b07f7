package org.vae4j.data;

import java.util.Locale;
import org.vae4j.util.Enums;

/**
 * What {@link ImageFolder} does with a file that has an image extension but cannot be used:
 * empty, not a PNG or JPEG, unreadable (truncated, corrupt, no permission), not a regular file
 * (a FIFO, device or socket), or declaring more than {@link ImageDecoder#MAX_PIXELS} pixels.
 */
public enum BadImagePolicy {
    /** Leave such files out and report them, by name and count, in one warning. */
    SKIP,
    /** Stop at the first such file (in sorted order) with an error naming it. */
    FAIL;

    /**
     * The lower-case identifier used on command lines and in saved settings.
     *
     * @return {@code "skip"} or {@code "fail"}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses an identifier, ignoring case and surrounding blanks.
     *
     * @param s {@code "skip"} or {@code "fail"}
     * @return the matching constant
     * @throws IllegalArgumentException naming the valid values and the bad one
     */
    public static BadImagePolicy parse(String s) {
        // Own wording ("skip or fail", not "one of"), which users and tests already see.
        return Enums.find(BadImagePolicy.class, BadImagePolicy::id,
                        id -> s != null && id.equalsIgnoreCase(s.trim()))
                .orElseThrow(() -> new IllegalArgumentException(
                        "bad-image policy must be skip or fail, got " + Enums.quoted(s)));
    }
}
