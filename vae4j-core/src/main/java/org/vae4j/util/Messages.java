package org.vae4j.util;

/**
 * One-line error messages: vae4j reports every bad input in a single line, while exceptions from
 * ImageIO, Gson or the engine often carry several (Gson appends a troubleshooting link).
 */
public final class Messages {

    private Messages() {}

    /**
     * The text before the first line break.
     *
     * @param s a message, not null
     * @return {@code s} up to its first {@code '\n'}, or all of it
     */
    public static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /**
     * The first line of an exception's message, or its simple class name when the message is
     * missing or blank.
     *
     * @param e the exception
     * @return one line
     */
    public static String oneLine(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : firstLine(m);
    }
}
