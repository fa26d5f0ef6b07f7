package org.vae4j.web;

/**
 * A request the API refuses: carries the HTTP status (4xx, or 503 when the model is busy) and a
 * one-line message that the server sends as {@code {"error": message}}.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Largest request body the server reads: 1 MiB. */
    public static final long MAX_BODY = 1L << 20;

    private final int status;

    /**
     * Creates an error.
     *
     * @param status the HTTP status
     * @param message the one-line message for the client
     */
    public ApiError(int status, String message) {
        // No stack trace: these are expected outcomes of bad input, not bugs.
        super(message, null, false, false);
        this.status = status;
    }

    /**
     * A 400 Bad Request.
     *
     * @param message what is wrong with the request
     * @return the error
     */
    public static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    /**
     * The 413 for bodies over {@link #MAX_BODY}.
     *
     * @return the error
     */
    public static ApiError tooLarge() {
        return new ApiError(413, "request body is larger than 1 MiB");
    }

    /**
     * Returns the HTTP status.
     *
     * @return e.g. 400
     */
    public int status() {
        return status;
    }
}
