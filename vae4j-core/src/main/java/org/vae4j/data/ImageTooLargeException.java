package org.vae4j.data;

/**
 * An image whose header declares more pixels than {@link ImageDecoder#MAX_PIXELS}. Refused
 * before any pixel is decoded: a file of a few hundred kilobytes can declare a 30000×30000 image
 * whose raster alone would take gigabytes. The message is one line without a file name; callers
 * that read files prefix it.
 */
public final class ImageTooLargeException extends InvalidDataException {
    private static final long serialVersionUID = 1L;

    private final int width;
    private final int height;

    ImageTooLargeException(int width, int height) {
        super("image is " + width + "x" + height + " pixels (" + (long) width * height
                + "), more than the limit of " + ImageDecoder.MAX_PIXELS + " pixels per image");
        this.width = width;
        this.height = height;
    }

    /**
     * The width the header declares.
     *
     * @return pixels
     */
    public int width() {
        return width;
    }

    /**
     * The height the header declares.
     *
     * @return pixels
     */
    public int height() {
        return height;
    }
}
