package org.vae4j.data;

import java.util.Locale;
import org.vae4j.util.Enums;

/** Which channels images read from PNG or JPEG files get (see {@link ImageFolder}). */
public enum ColorMode {
    /**
     * One channel, the ITU-R BT.601 luma of each pixel,
     * {@code Y = round((299 R + 587 G + 114 B) / 1000)}, so a gray pixel keeps its value.
     */
    GRAY,
    /** Three channels, R, G and B planes ({@code C×H×W}, channels first). */
    RGB,
    /**
     * {@link #RGB} if any pixel of any image has colour ({@code R}, {@code G} and {@code B} not
     * all equal), else {@link #GRAY}. A colour JPEG of a gray scene usually has a little chroma
     * noise and so counts as colour; choose {@link #GRAY} explicitly for those.
     */
    AUTO;

    /**
     * The lower-case identifier used on command lines and in saved settings.
     *
     * @return {@code "gray"}, {@code "rgb"} or {@code "auto"}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The channel count this mode gives, when it is fixed.
     *
     * @return 1 for {@link #GRAY}, 3 for {@link #RGB}, 0 for {@link #AUTO} (decided by the data)
     */
    public int channels() {
        return this == GRAY ? 1 : this == RGB ? 3 : 0;
    }

    /**
     * Parses an identifier, ignoring case and surrounding blanks; {@code "grey"} is accepted.
     *
     * @param s e.g. {@code "rgb"} or {@code "Gray"}
     * @return the matching constant
     * @throws IllegalArgumentException naming the valid values and the bad one
     */
    public static ColorMode parse(String s) {
        if (s != null && s.trim().equalsIgnoreCase("grey")) {
            return GRAY;
        }
        return Enums.parse(ColorMode.class, "colour mode", s, ColorMode::id);
    }
}
