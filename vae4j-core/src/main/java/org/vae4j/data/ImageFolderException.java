package org.vae4j.data;

/**
 * A problem with a folder of images that a setting of {@link ImageFolder.Options} can address,
 * so a caller can name the remedy (the CLI suggests {@code --image-size} or
 * {@code --bad-images skip}). The message is one line naming the file or folder.
 */
public final class ImageFolderException extends InvalidDataException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Problem {
        /** Images differ in size and no target size was chosen. */
        MIXED_SIZES,
        /** A file is empty, not a PNG or JPEG, or unreadable, and bad files fail the read. */
        BAD_IMAGE,
        /** The folder holds no usable image. */
        NO_IMAGES
    }

    private final Problem problem;

    /**
     * Creates the exception.
     *
     * @param problem what went wrong
     * @param message one line naming the file or folder and the problem
     */
    public ImageFolderException(Problem problem, String message) {
        super(message);
        this.problem = problem;
    }

    /**
     * What went wrong.
     *
     * @return the kind of problem
     */
    public Problem problem() {
        return problem;
    }
}
