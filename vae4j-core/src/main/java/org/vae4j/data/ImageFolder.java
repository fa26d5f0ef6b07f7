package org.vae4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.vae4j.util.Messages;

/**
 * Reads a folder of PNG and JPEG images into an {@link ImageSet}.
 *
 * <ul>
 *   <li>Files: every {@code .png}, {@code .jpg} and {@code .jpeg} (any case) under the folder,
 *       recursively, in sorted order (see {@link FolderListing}); names starting with a dot are
 *       skipped.
 *   <li>Labels: if the images sit in first-level sub-folders ({@code dir/cats/...},
 *       {@code dir/dogs/...}), the sorted sub-folder names become labels {@code 0..K-1} and the
 *       set's {@link ImageSet#classNames()}. Images directly in the folder give no labels; both
 *       at once is an error.
 *   <li>Pixels: converted to 8-bit sRGB (transparency over black, see
 *       {@link ImageConversion#toRgb}), brought to {@link Options#size()} if one is chosen
 *       (shorter side scaled, centre cropped: {@link ImageConversion#resizeAndCrop}), then to
 *       gray (luma) or RGB planes per {@link Options#color()}. Without a chosen size every image
 *       must have the first one's size.
 *   <li>Bad files (empty, not a PNG or JPEG, unreadable or corrupt, not a regular file such as
 *       a FIFO, or declaring more than {@link ImageDecoder#MAX_PIXELS} pixels) fail the read,
 *       naming the first of them, or are skipped and reported in one warning, per
 *       {@link Options#badImages()}.
 * </ul>
 *
 * <p>Images are decoded in parallel; the result does not depend on the thread count.
 */
public final class ImageFolder {

    /** Bad files named in the skip warning; the rest are only counted. */
    private static final int NAMED_IN_WARNING = 20;

    /**
     * How to read the images.
     *
     * @param size the size every image is brought to, or {@code null} to keep the images' own
     *     (common) size
     * @param color gray, RGB, or decided by the data
     * @param badImages skip or fail on files that cannot be read
     */
    public record Options(ImageSize size, ColorMode color, BadImagePolicy badImages) {
        /**
         * Checks that the modes are given.
         *
         * @param size target size, or null
         * @param color colour mode
         * @param badImages bad-file policy
         */
        public Options {
            Objects.requireNonNull(color, "color");
            Objects.requireNonNull(badImages, "badImages");
        }

        /** The defaults: images' own size, {@link ColorMode#AUTO}, {@link BadImagePolicy#FAIL}. */
        public Options() {
            this(null, ColorMode.AUTO, BadImagePolicy.FAIL);
        }
    }

    private ImageFolder() {}

    /**
     * Whether a file has a name this reader picks up.
     *
     * @param file a path
     * @return true if it ends in {@code .png}, {@code .jpg} or {@code .jpeg}, in any case
     */
    public static boolean isImageFile(Path file) {
        return FolderListing.isImageName(file);
    }

    /**
     * Reads every image of a folder.
     *
     * @param dir the folder
     * @param options size, colour and bad-file handling
     * @param warnings receives one line if bad files were skipped, naming and counting them
     * @return {@code N×C×H×W} images (C = 1 or 3), labelled with class names if the folder has
     *     class sub-folders; its source is {@code dir}
     * @throws ImageFolderException if there is no image, images differ in size without a target
     *     size, or a file is bad under {@link BadImagePolicy#FAIL}
     * @throws InvalidDataException if {@code dir} is missing or not a directory, or the layout is
     *     mixed
     * @throws IOException if listing the folder fails
     */
    public static ImageSet read(Path dir, Options options, Consumer<String> warnings)
            throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(warnings, "warnings");
        FolderListing listing = FolderListing.of(dir);
        int n = listing.files().size();
        String[] bad = new String[n];
        ImageSize size = options.size();
        if (size == null) {
            int[][] sizes = new int[n][];
            IntStream.range(0, n).parallel().forEach(i -> {
                try {
                    sizes[i] = header(listing.files().get(i));
                } catch (BadImage e) {
                    bad[i] = e.getMessage();
                }
            });
            failOnFirstBad(listing, bad, options);
            size = commonSize(listing, sizes, bad);
        }
        checkFits(listing, n, size);
        ImageSize target = size;
        boolean gray = options.color() == ColorMode.GRAY;
        byte[][] planes = new byte[n][];
        boolean[] colour = new boolean[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            if (bad[i] != null) {
                return;
            }
            try {
                BufferedImage rgb = ImageConversion.resizeAndCrop(
                        ImageConversion.toRgb(decode(listing.files().get(i))), target);
                colour[i] = !gray && ImageConversion.hasColour(rgb);
                planes[i] = new byte[(gray ? 1 : 3) * target.height() * target.width()];
                ImageConversion.toPlanes(rgb, gray ? 1 : 3, planes[i], 0);
            } catch (BadImage e) {
                bad[i] = e.getMessage();
            }
        });
        failOnFirstBad(listing, bad, options);
        return assemble(listing, planes, colour, bad, target, options.color(), warnings);
    }

    private static ImageSet assemble(FolderListing listing, byte[][] planes, boolean[] colour,
            String[] bad, ImageSize size, ColorMode mode, Consumer<String> warnings)
            throws ImageFolderException {
        List<Integer> good = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        boolean anyColour = false;
        for (int i = 0; i < planes.length; i++) {
            if (bad[i] != null) {
                skipped.add(listing.relative(i) + " (" + bad[i] + ")");
            } else {
                good.add(i);
                anyColour |= colour[i];
            }
        }
        if (good.isEmpty()) {
            throw new ImageFolderException(ImageFolderException.Problem.NO_IMAGES,
                    listing.dir() + ": no readable PNG or JPEG images (all " + skipped.size()
                            + " files are bad, e.g. " + skipped.get(0) + ")");
        }
        if (!skipped.isEmpty()) {
            warnings.accept(skipWarning(listing, skipped));
        }
        int channels = mode == ColorMode.RGB || (mode == ColorMode.AUTO && anyColour) ? 3 : 1;
        int plane = size.height() * size.width();
        int per = channels * plane;
        byte[] pixels = new byte[good.size() * per];
        int[] labels = listing.labels() == null ? null : new int[good.size()];
        for (int k = 0; k < good.size(); k++) {
            int i = good.get(k);
            // Gray images read in RGB mode have R = G = B: any plane is the luma.
            System.arraycopy(planes[i], 0, pixels, k * per, per);
            planes[i] = null;
            if (labels != null) {
                labels[k] = listing.labels()[i];
            }
        }
        return new ImageSet(pixels, good.size(), channels, size.height(), size.width(), labels,
                labels == null ? null : listing.classNames(), listing.dir().toString());
    }

    private static String skipWarning(FolderListing listing, List<String> skipped) {
        StringBuilder sb = new StringBuilder(listing.dir().toString()).append(": skipped ")
                .append(skipped.size()).append(" bad image file")
                .append(skipped.size() == 1 ? "" : "s").append(" of ")
                .append(listing.files().size()).append(": ");
        for (int i = 0; i < Math.min(NAMED_IN_WARNING, skipped.size()); i++) {
            sb.append(i == 0 ? "" : ", ").append(skipped.get(i));
        }
        if (skipped.size() > NAMED_IN_WARNING) {
            sb.append(", and ").append(skipped.size() - NAMED_IN_WARNING).append(" more");
        }
        return sb.toString();
    }

    private static void failOnFirstBad(FolderListing listing, String[] bad, Options options)
            throws ImageFolderException {
        if (options.badImages() != BadImagePolicy.FAIL) {
            return;
        }
        for (int i = 0; i < bad.length; i++) {
            if (bad[i] != null) {
                throw new ImageFolderException(ImageFolderException.Problem.BAD_IMAGE,
                        listing.files().get(i) + ": " + bad[i]);
            }
        }
    }

    /** The size of the first good image, after checking that every good image has it. */
    private static ImageSize commonSize(FolderListing listing, int[][] sizes, String[] bad)
            throws ImageFolderException {
        int first = -1;
        for (int i = 0; i < sizes.length; i++) {
            if (bad[i] != null) {
                continue;
            }
            if (first < 0) {
                first = i;
            } else if (sizes[i][0] != sizes[first][0] || sizes[i][1] != sizes[first][1]) {
                throw new ImageFolderException(ImageFolderException.Problem.MIXED_SIZES,
                        listing.files().get(i) + ": image is " + sizes[i][0] + "x" + sizes[i][1]
                                + " (HxW) but " + listing.relative(first) + " is "
                                + sizes[first][0] + "x" + sizes[first][1]
                                + "; images of different sizes need a target size");
            }
        }
        if (first < 0) {
            throw new ImageFolderException(ImageFolderException.Problem.NO_IMAGES,
                    listing.dir() + ": no readable PNG or JPEG images (all " + sizes.length
                            + " files are bad)");
        }
        return new ImageSize(sizes[first][0], sizes[first][1]);
    }

    /** Java arrays hold at most 2^31 - 1 bytes; say so before decoding anything. */
    private static void checkFits(FolderListing listing, int n, ImageSize size)
            throws InvalidDataException {
        long bytes = (long) n * 3 * size.height() * size.width();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new InvalidDataException(listing.dir() + ": " + n + " images of 3x" + size
                    + " need " + bytes + " bytes, more than one Java array holds (2^31 - 1);"
                    + " choose a smaller image size or fewer images");
        }
    }

    /** A file that cannot be used; the message says why, without the file name. */
    private static final class BadImage extends Exception {
        private static final long serialVersionUID = 1L;

        BadImage(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Height and width from the file's header, without decoding pixels. */
    private static int[] header(Path file) throws BadImage {
        checkSignature(file);
        return withReader(file, r -> {
            ImageSize s = ImageDecoder.headerSize(r);
            return new int[] {s.height(), s.width()};
        });
    }

    private static BufferedImage decode(Path file) throws BadImage {
        checkSignature(file);
        return withReader(file, r -> {
            // Checked again here: with a target size the pass over the headers is skipped.
            ImageDecoder.headerSize(r);
            boolean[] truncated = new boolean[1];
            // The JPEG reader does not throw on a file cut short: it warns ("Truncated File -
            // Missing EOI marker", "Corrupt JPEG data: premature end of data segment") and fills
            // the rest with gray. Such an image is as bad as one that fails to decode.
            r.addIIOReadWarningListener((source, warning) -> truncated[0] |= warning != null
                    && (warning.toLowerCase(Locale.ROOT).contains("truncated")
                            || warning.toLowerCase(Locale.ROOT).contains("premature end")));
            BufferedImage img = r.read(0);
            if (truncated[0]) {
                throw new IOException("truncated image data");
            }
            return img;
        });
    }

    private interface ReaderJob<T> {
        T run(ImageReader reader) throws IOException;
    }

    private static <T> T withReader(Path file, ReaderJob<T> job) throws BadImage {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new BadImage("unreadable");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new BadImage("not a PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return job.run(reader);
            } finally {
                reader.dispose();
            }
        } catch (ImageTooLargeException e) {
            throw new BadImage(e.getMessage());
        } catch (IOException | RuntimeException e) {
            // Corrupt files make ImageIO throw all kinds of exceptions.
            throw new BadImage("unreadable: " + Messages.oneLine(e));
        }
    }

    /**
     * Accepts regular files of PNG and JPEG content only, whatever the extension says. Called
     * before anything else opens the file: opening a FIFO named {@code x.png} blocks until a
     * writer comes, which may be never, and a device may never end.
     */
    private static void checkSignature(Path file) throws BadImage {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new BadImage("not a regular file (a FIFO, device or socket)");
        }
        byte[] head = new byte[8];
        int got = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; got < head.length && (r = in.read(head, got, head.length - got)) > 0; ) {
                got += r;
            }
        } catch (AccessDeniedException e) {
            throw new BadImage("unreadable: permission denied");
        } catch (IOException e) {
            throw new BadImage("unreadable: " + Messages.oneLine(e));
        }
        if (got == 0) {
            throw new BadImage("empty file");
        }
        if (!ImageDecoder.isPngOrJpeg(head, got)) {
            throw new BadImage("not a PNG or JPEG image");
        }
    }
}
