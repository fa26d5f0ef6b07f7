package org.vae4j.data;

/**
 * Bytes that {@link ImageDecoder#decode} cannot turn into model input. The message is one line
 * without a file name (the bytes may come from an upload); {@link #problem()} and the sizes let
 * a caller word its own message, as the explorer's API does.
 */
public final class ImageDecodeException extends InvalidDataException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Problem {
        /** The bytes do not start like a PNG or JPEG, or no ImageIO reader takes them. */
        NOT_PNG_OR_JPEG,
        /** They start like a PNG or JPEG, but reading them failed (truncated, corrupt). */
        UNREADABLE,
        /** A readable image of another size than the model's. */
        WRONG_SIZE
    }

    private final Problem problem;
    private final String detail;
    private final int width;
    private final int height;

    private ImageDecodeException(Problem problem, String message, String detail, int width,
            int height, Throwable cause) {
        super(message, cause);
        this.problem = problem;
        this.detail = detail;
        this.width = width;
        this.height = height;
    }

    static ImageDecodeException notPngOrJpeg() {
        return new ImageDecodeException(Problem.NOT_PNG_OR_JPEG, "not a PNG or JPEG image", null,
                -1, -1, null);
    }

    static ImageDecodeException unreadable(String detail, Throwable cause) {
        return new ImageDecodeException(Problem.UNREADABLE,
                "not a PNG or JPEG image (" + detail + ")", detail, -1, -1, cause);
    }

    static ImageDecodeException wrongSize(int width, int height, int expectedWidth,
            int expectedHeight) {
        return new ImageDecodeException(Problem.WRONG_SIZE, "image is " + width + "x" + height
                + ", the model expects " + expectedWidth + "x" + expectedHeight, null, width,
                height, null);
    }

    /**
     * What went wrong.
     *
     * @return the kind of problem
     */
    public Problem problem() {
        return problem;
    }

    /**
     * The reader's one-line reason for {@link Problem#UNREADABLE}.
     *
     * @return e.g. {@code "Unexpected end of file"}, or null for the other problems
     */
    public String detail() {
        return detail;
    }

    /**
     * The image's width for {@link Problem#WRONG_SIZE}.
     *
     * @return pixels, or -1 for the other problems
     */
    public int width() {
        return width;
    }

    /**
     * The image's height for {@link Problem#WRONG_SIZE}.
     *
     * @return pixels, or -1 for the other problems
     */
    public int height() {
        return height;
    }
}
