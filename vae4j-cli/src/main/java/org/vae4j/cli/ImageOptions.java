package org.vae4j.cli;

import org.vae4j.data.BadImagePolicy;
import org.vae4j.data.ColorMode;
import org.vae4j.data.ImageFolder;
import org.vae4j.data.ImageSize;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * How images in a folder of PNG/JPEG files are read: {@code --image-size}, {@code --color},
 * {@code --bad-images}. Kept as given (null when absent) so that {@code train --resume} can tell
 * a repeated flag from a default and {@code data.json} records only what the user chose.
 */
final class ImageOptions {

    static final String SIZE = "--image-size";
    static final String COLOR = "--color";
    static final String BAD = "--bad-images";

    @Option(names = SIZE, paramLabel = "N|HxW",
            description = "Image folders: scale the shorter side and centre-crop every image to"
                    + " NxN or HxW pixels (default: the images' own size, which must be common;"
                    + " for a trained model, its size).")
    String imageSize;

    @Option(names = COLOR, paramLabel = "MODE",
            description = "Image folders: gray (luma), rgb, or auto = rgb if any pixel of any"
                    + " image has colour, else gray (default: auto; for a trained model, its"
                    + " channels).")
    String color;

    @Option(names = BAD, paramLabel = "POLICY",
            description = "Image folders: what to do with empty, non-image or unreadable files:"
                    + " fail (default) or skip them with a warning that names them.")
    String badImages;

    /** Whether any of the three flags has a value. */
    boolean anyGiven() {
        return imageSize != null || color != null || badImages != null;
    }

    /** The flags that have a value, for messages. */
    String given() {
        StringBuilder sb = new StringBuilder();
        for (String[] f : new String[][] {{SIZE, imageSize}, {COLOR, color}, {BAD, badImages}}) {
            if (f[1] != null) {
                sb.append(sb.length() == 0 ? "" : ", ").append(f[0]).append(' ').append(f[1]);
            }
        }
        return sb.toString();
    }

    /**
     * The reader options: the flags given, the rest from {@code defaults}.
     *
     * @throws CommandLine.ParameterException naming the flag whose value does not parse
     */
    ImageFolder.Options resolve(CommandLine cmd, ImageFolder.Options defaults) {
        try {
            return of(imageSize, color, badImages, defaults);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, e.getMessage());
        }
    }

    /**
     * Parses saved or given values; null means "from {@code defaults}".
     *
     * @throws IllegalArgumentException naming the flag and the bad value
     */
    static ImageFolder.Options of(String size, String color, String bad,
            ImageFolder.Options defaults) {
        ImageSize s = defaults.size();
        ColorMode c = defaults.color();
        BadImagePolicy b = defaults.badImages();
        try {
            s = size == null ? s : ImageSize.parse(size);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SIZE + ": " + e.getMessage());
        }
        try {
            c = color == null ? c : ColorMode.parse(color);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(COLOR + ": " + e.getMessage());
        }
        try {
            b = bad == null ? b : BadImagePolicy.parse(bad);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BAD + ": " + e.getMessage());
        }
        return new ImageFolder.Options(s, c, b);
    }
}
