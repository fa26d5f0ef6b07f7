package org.vae4j.family;

/**
 * A family's refusal of one setting of a {@link NetworkSpec}: names the component (e.g. {@code
 * classes}), so a caller that set it from a flag can name the flag.
 */
public final class InvalidSpecException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String component;

    /**
     * Creates the refusal.
     *
     * @param component the {@link NetworkSpec} component, e.g. {@code logvarBounds}
     * @param message what is wrong and what to do instead
     */
    public InvalidSpecException(String component, String message) {
        super(message);
        this.component = component;
    }

    /**
     * Returns the refused component.
     *
     * @return its name, as in {@link NetworkSpec}
     */
    public String component() {
        return component;
    }
}
