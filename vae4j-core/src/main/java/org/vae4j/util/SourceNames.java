package org.vae4j.util;

/**
 * Names of data sources with their qualifiers in one bracket. A set's name grows as it is split,
 * sampled and filtered ({@code fmnist (validation split)}, then a sample of it); appending a new
 * bracket each time gave captions such as {@code fmnist (validation split) (24 images spread
 * over the classes, seed 1)}. Every qualifier goes through {@link #qualify}, which adds it to the
 * name's closing bracket instead: {@code fmnist (validation split; 24 images spread over the
 * classes, seed 1)}.
 */
public final class SourceNames {

    /** Between two qualifiers in one bracket; a qualifier may itself hold commas. */
    public static final String SEPARATOR = "; ";

    private SourceNames() {}

    /**
     * The source's name with one more qualifier.
     *
     * @param source a name such as {@code /data/shoes} or {@code /data/shoes (train split)}
     * @param qualifier what the new set is, without brackets, e.g. {@code first 10 images}
     * @return {@code source (qualifier)}, or, when {@code source} already ends in a bracket that
     *     opens in it, that bracket extended by {@code "; " + qualifier}
     * @throws IllegalArgumentException if the qualifier is blank or holds a bracket of its own
     */
    public static String qualify(String source, String qualifier) {
        if (qualifier == null || qualifier.isBlank()) {
            throw new IllegalArgumentException("a source qualifier must not be blank, got '"
                    + qualifier + "'");
        }
        if (qualifier.indexOf('(') >= 0 || qualifier.indexOf(')') >= 0) {
            throw new IllegalArgumentException("a source qualifier holds no brackets, got '"
                    + qualifier + "'");
        }
        int open = trailingBracketStart(source);
        if (open < 0) {
            return source + " (" + qualifier + ")";
        }
        return source.substring(0, source.length() - 1) + SEPARATOR + qualifier + ")";
    }

    /**
     * Where the bracket that closes {@code s} opens, matching nested brackets.
     *
     * @return the index of its {@code '('}, or -1 when {@code s} does not end in a closed bracket
     */
    static int trailingBracketStart(String s) {
        if (s.isEmpty() || s.charAt(s.length() - 1) != ')') {
            return -1;
        }
        int depth = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                depth--;
                if (depth == 0) {
                    // A bracket that starts the whole name ("(unnamed)") is the name, not a qualifier.
                    return i > 0 ? i : -1;
                }
            }
        }
        return -1;
    }
}
