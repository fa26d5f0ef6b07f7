package org.vae4j.data;

import java.io.IOException;

/**
 * A data file is missing, unreadable or malformed. The message is one line that names the file
 * (its path as given) and the problem, e.g.
 * {@code "data/x-idx3-ubyte: wrong magic number 0x00000801, expected 0x00000803 (...)"}.
 * Subclasses say which kind of problem it is, for callers that can suggest a remedy
 * ({@link ImageFolderException}).
 */
public class InvalidDataException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one-line description naming the file and the problem
     */
    public InvalidDataException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the low-level cause (e.g. a {@code ZipException}).
     *
     * @param message one-line description naming the file and the problem
     * @param cause the underlying exception
     */
    public InvalidDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
