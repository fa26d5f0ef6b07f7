package org.vae4j.cli;

/** A failure the user can act on, reported as one line with exit code 1. */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
