package org.vae4j.data;

/**
 * The size images are brought to: {@code height} rows of {@code width} pixels.
 *
 * @param height rows, {@code > 0}
 * @param width columns, {@code > 0}
 */
public record ImageSize(int height, int width) {
    /**
     * Checks that both sides are positive.
     *
     * @param height rows
     * @param width columns
     * @throws IllegalArgumentException if a side is not positive
     */
    public ImageSize {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "image size must be > 0 on both sides, got " + height + "x" + width);
        }
    }

    /**
     * Parses {@code "N"} (an N×N square) or {@code "HxW"} (height first, like {@code C×H×W}).
     *
     * @param s e.g. {@code "32"} or {@code "48x64"} (48 rows, 64 columns); blanks are ignored
     * @return the size
     * @throws IllegalArgumentException naming the bad text
     */
    public static ImageSize parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
        String[] parts = t.split("x", -1);
        try {
            if (parts.length == 1) {
                int n = Integer.parseInt(parts[0].trim());
                return new ImageSize(n, n);
            }
            if (parts.length == 2) {
                return new ImageSize(Integer.parseInt(parts[0].trim()),
                        Integer.parseInt(parts[1].trim()));
            }
        } catch (IllegalArgumentException e) {
            // Not a number, or not positive: the message below says what is accepted.
        }
        throw new IllegalArgumentException("image size must be N or HxW with positive whole"
                + " numbers (e.g. 32 or 48x64), got " + (s == null ? "null" : "'" + s + "'"));
    }

    /**
     * The form {@link #parse} reads.
     *
     * @return {@code "HxW"}, e.g. {@code "48x64"}
     */
    @Override
    public String toString() {
        return height + "x" + width;
    }
}
