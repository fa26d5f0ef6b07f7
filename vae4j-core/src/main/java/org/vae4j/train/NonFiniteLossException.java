package org.vae4j.train;

/**
 * Thrown when a training step produces a NaN or infinite loss. The step's update is not applied,
 * so the model's parameters and the last checkpoint stay as they were.
 */
public final class NonFiniteLossException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message one line naming where the loss went bad
     */
    public NonFiniteLossException(String message) {
        super(message);
    }
}
