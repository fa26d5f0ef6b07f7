package org.vae4j.web;

/**
 * A request the API refuses: carries the HTTP status (4xx, or 503 when the model is busy, then
 * with a {@code Retry-After}) and a one-line message that the server sends as {@code {"error":
 * message}}.
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Largest request body the server reads: 1 MiB. */
    public static final long MAX_BODY = 1L << 20;

    private final int status;
    private final int retryAfterSeconds;

    /**
     * Creates an error.
     *
     * @param status the HTTP status
     * @param message the one-line message for the client
     */
    public ApiError(int status, String message) {
        this(status, message, 0);
    }

    private ApiError(int status, String message, int retryAfterSeconds) {
        // No stack trace: these are expected outcomes of bad input, not bugs.
        super(message, null, false, false);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * A 503 Service Unavailable for a server that is busy now but will not be for long; the
     * response carries {@code Retry-After}.
     *
     * @param message what is busy, e.g. how many requests are in progress
     * @param retryAfterSeconds the {@code Retry-After} value, at least 1
     * @return the error
     */
    public static ApiError busy(String message, int retryAfterSeconds) {
        if (retryAfterSeconds < 1) {
            throw new IllegalArgumentException("retryAfterSeconds must be >= 1, got "
                    + retryAfterSeconds);
        }
        return new ApiError(503, message, retryAfterSeconds);
    }

    /**
     * A 415 Unsupported Media Type.
     *
     * @param message which Content-Type was sent and which are taken
     * @return the error
     */
    public static ApiError unsupportedType(String message) {
        return new ApiError(415, message);
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

    /**
     * Returns the {@code Retry-After} seconds to send, or 0 for none.
     *
     * @return e.g. 1
     */
    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
