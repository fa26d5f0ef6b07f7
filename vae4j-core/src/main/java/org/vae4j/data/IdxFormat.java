package org.vae4j.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reading and writing IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed.
 *
 * <p>Images: big-endian int32 magic {@code 0x00000803}, count, rows, cols, then
 * {@code count*rows*cols} unsigned bytes, image after image, row-major. Labels: magic
 * {@code 0x00000801}, count, then {@code count} unsigned bytes. Compression is detected from the
 * gzip magic bytes {@code 1f 8b}, not from the file name.
 */
public final class IdxFormat {
    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private static final int BUFFER = 1 << 16;
    /** The largest array the JVM reliably allocates. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private IdxFormat() {
    }

    /**
     * Reads an IDX image file and, optionally, its IDX label file.
     *
     * @param images IDX images file, raw or gzip
     * @param labelsOrNull IDX labels file with one label per image, raw or gzip, or {@code null}
     * @return {@code count} images of {@code 1×rows×cols}, source {@code images.toString()}
     * @throws InvalidDataException if a file is missing, unreadable or malformed, or the
     *     counts disagree
     * @throws IOException on other read errors
     */
    public static ImageSet read(Path images, Path labelsOrNull) throws IOException {
        return read(images, labelsOrNull, DeclaredData.budget(Runtime.getRuntime().maxMemory()));
    }

    /** {@link #read(Path, Path)} with a given budget of decoded bytes per file, for tests. */
    static ImageSet read(Path images, Path labelsOrNull, long budget) throws IOException {
        Images im;
        try (InputStream in = open(images)) {
            im = parseImages(in, images.toString(), rawLength(images, in), budget);
        }
        int[] labels = labelsOrNull == null ? null : readLabels(labelsOrNull, budget);
        return build(im, labels, labelsOrNull == null ? null : labelsOrNull.toString(),
                images.toString());
    }

    /**
     * Reads IDX images and optional labels from streams, raw or gzip. The streams are read to
     * their end but not closed.
     *
     * @param images IDX images data
     * @param imagesName names the images in error messages (a path or resource name)
     * @param labelsOrNull IDX labels data, or {@code null}
     * @param labelsName names the labels in error messages (ignored without labels)
     * @param source the {@link ImageSet#source()} of the result
     * @return {@code count} images of {@code 1×rows×cols}
     * @throws InvalidDataException if the data is malformed or the counts disagree
     * @throws IOException on other read errors
     */
    public static ImageSet read(InputStream images, String imagesName, InputStream labelsOrNull,
            String labelsName, String source) throws IOException {
        // The gzip decoders are not closed, as that would close the caller's streams; their
        // native memory is released by the JDK's cleaner once they are unreachable.
        long budget = DeclaredData.budget(Runtime.getRuntime().maxMemory());
        Images im = parseImages(decompressed(images, imagesName), imagesName, -1, budget);
        int[] labels = labelsOrNull == null ? null
                : parseLabels(decompressed(labelsOrNull, labelsName), labelsName, -1, budget);
        return build(im, labels, labelsName, source);
    }

    /**
     * Reads an IDX label file.
     *
     * @param labels IDX labels file, raw or gzip
     * @return one value {@code 0..255} per label
     * @throws InvalidDataException if the file is missing, unreadable or malformed
     * @throws IOException on other read errors
     */
    public static int[] readLabels(Path labels) throws IOException {
        return readLabels(labels, DeclaredData.budget(Runtime.getRuntime().maxMemory()));
    }

    private static int[] readLabels(Path labels, long budget) throws IOException {
        try (InputStream in = open(labels)) {
            return parseLabels(in, labels.toString(), rawLength(labels, in), budget);
        }
    }

    /**
     * The bytes of a raw file, which its header must account for exactly; -1 for a gzip file,
     * whose decoded length only decoding tells.
     */
    private static long rawLength(Path file, InputStream opened) throws IOException {
        return opened instanceof GZIPInputStream ? -1 : Files.size(file);
    }

    /**
     * Writes an IDX images file, gzip-compressed when the file name ends with {@code .gz}.
     *
     * @param file where to write; replaced if it exists
     * @param pixels {@code count*rows*cols} unsigned bytes, image after image, row-major
     * @param count number of images, {@code > 0}
     * @param rows rows per image, {@code > 0}
     * @param cols columns per image, {@code > 0}
     * @throws IllegalArgumentException if a size is not positive or does not match the array
     * @throws IOException if writing fails
     */
    public static void writeImages(Path file, byte[] pixels, int count, int rows, int cols)
            throws IOException {
        if (count <= 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException(
                    "implausible dimensions " + count + "x" + rows + "x" + cols);
        }
        if (pixels.length != (long) count * rows * cols) {
            throw new IllegalArgumentException("pixels.length is " + pixels.length + " but "
                    + count + " images of " + rows + "x" + cols + " need "
                    + (long) count * rows * cols);
        }
        try (DataOutputStream out = create(file)) {
            out.writeInt(IMAGES_MAGIC);
            out.writeInt(count);
            out.writeInt(rows);
            out.writeInt(cols);
            out.write(pixels);
        }
    }

    /**
     * Writes an IDX labels file, gzip-compressed when the file name ends with {@code .gz}.
     *
     * @param file where to write; replaced if it exists
     * @param labels at least one label, each in {@code 0..255}
     * @throws IllegalArgumentException if there are no labels or one is out of range
     * @throws IOException if writing fails
     */
    public static void writeLabels(Path file, int[] labels) throws IOException {
        if (labels.length == 0) {
            throw new IllegalArgumentException("no labels to write to " + file);
        }
        byte[] b = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i]
                        + ", IDX labels must be in 0..255");
            }
            b[i] = (byte) labels[i];
        }
        try (DataOutputStream out = create(file)) {
            out.writeInt(LABELS_MAGIC);
            out.writeInt(labels.length);
            out.write(b);
        }
    }

    /** Pixels and shape of a parsed IDX images file. */
    private record Images(byte[] pixels, int count, int rows, int cols, String name) {
    }

    private static ImageSet build(Images im, int[] labels, String labelsName, String source)
            throws InvalidDataException {
        if (labels != null && labels.length != im.count) {
            throw new InvalidDataException(labelsName + ": " + labels.length + " labels but "
                    + im.count + " images in " + im.name);
        }
        return new ImageSet(im.pixels, im.count, 1, im.rows, im.cols, labels, source);
    }

    /**
     * Opens a file after checking it is a readable regular file, with a one-line error, and
     * decompresses it if it is gzip. Closing the result closes the file.
     */
    private static InputStream open(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.isDirectory(file)) {
            throw new InvalidDataException(file + ": is a directory, expected an IDX file");
        }
        if (!Files.exists(file)) {
            throw new InvalidDataException(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidDataException(file + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new InvalidDataException(file + ": not readable (permission denied)");
        }
        InputStream raw = Files.newInputStream(file);
        try {
            return decompressed(raw, file.toString());
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static DataOutputStream create(Path file) throws IOException {
        OutputStream out = Files.newOutputStream(file);
        try {
            if (file.getFileName() != null && file.getFileName().toString().endsWith(".gz")) {
                out = new GZIPOutputStream(out, BUFFER);
            }
            return new DataOutputStream(new BufferedOutputStream(out, BUFFER));
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * Parses images from an already decompressed stream; does not close it.
     *
     * @param rawLength the file's length if it is raw, to check the header against before
     *     reading; -1 if unknown (gzip, or a stream)
     * @param budget the most bytes the header may declare (see
     *     {@link DeclaredData#budget})
     */
    private static Images parseImages(InputStream in, String name, long rawLength, long budget)
            throws IOException {
        try {
            checkMagic(in, name, IMAGES_MAGIC, "IDX unsigned-byte images", 16);
            byte[] h = new byte[12];
            int got = readFully(in, h, 0, h.length);
            if (got < h.length) {
                throw new InvalidDataException(name + ": truncated header: " + (4 + got)
                        + " bytes, an IDX images header has 16");
            }
            int count = getInt(h, 0);
            int rows = getInt(h, 4);
            int cols = getInt(h, 8);
            long size = (long) count * rows * cols;
            if (count <= 0 || rows <= 0 || cols <= 0 || size > MAX_ARRAY) {
                throw new InvalidDataException(name + ": implausible dimensions "
                        + count + "x" + rows + "x" + cols);
            }
            String what = count + " images of " + rows + "x" + cols;
            byte[] pixels = DeclaredData.read(in, name, what, size,
                    rawLength < 0 ? -1 : rawLength - 16, budget);
            return new Images(pixels, count, rows, cols, name);
        } catch (ZipException | EOFException e) {
            throw corruptGzip(name, e);
        }
    }

    /** Parses labels from an already decompressed stream; does not close it. */
    private static int[] parseLabels(InputStream in, String name, long rawLength, long budget)
            throws IOException {
        try {
            checkMagic(in, name, LABELS_MAGIC, "IDX unsigned-byte labels", 8);
            byte[] h = new byte[4];
            int got = readFully(in, h, 0, h.length);
            if (got < h.length) {
                throw new InvalidDataException(name + ": truncated header: " + (4 + got)
                        + " bytes, an IDX labels header has 8");
            }
            int count = getInt(h, 0);
            if (count <= 0 || count > MAX_ARRAY) {
                throw new InvalidDataException(name + ": implausible label count " + count);
            }
            // An int per label: the budget counts those, not the bytes on disk.
            byte[] b = DeclaredData.read(in, name, count + " labels", count,
                    rawLength < 0 ? -1 : rawLength - 8, budget / Integer.BYTES);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = b[i] & 0xFF;
            }
            return labels;
        } catch (ZipException | EOFException e) {
            throw corruptGzip(name, e);
        }
    }

    /** Wraps the stream in a gzip decoder if it starts with the gzip magic bytes. */
    private static InputStream decompressed(InputStream raw, String name) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
            return in;
        }
        try {
            return new GZIPInputStream(in, BUFFER);
        } catch (ZipException | EOFException e) {
            throw corruptGzip(name, e);
        }
    }

    private static void checkMagic(InputStream in, String name, int expected, String kind,
            int headerSize) throws IOException {
        byte[] m = new byte[4];
        int got = readFully(in, m, 0, 4);
        if (got < 4) {
            throw new InvalidDataException(name + ": truncated header: " + got + " bytes"
                    + (got == 0 ? " (empty file)" : "") + ", an " + kind + " header has "
                    + headerSize);
        }
        int magic = getInt(m, 0);
        if (magic != expected) {
            throw new InvalidDataException(name + ": wrong magic number " + hex(magic)
                    + ", expected " + hex(expected) + " (" + kind + "); " + describe(magic));
        }
    }

    /** Guesses what a file with this magic number is, for the error message. */
    private static String describe(int magic) {
        if (magic == LABELS_MAGIC) {
            return "looks like an IDX label file";
        }
        if (magic == IMAGES_MAGIC) {
            return "looks like an IDX image file";
        }
        int type = (magic >>> 8) & 0xFF;
        int dims = magic & 0xFF;
        String typeName = switch (type) {
            case 0x08 -> "unsigned-byte";
            case 0x09 -> "signed-byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> null;
        };
        if ((magic >>> 16) == 0 && typeName != null) {
            return "looks like an IDX " + typeName + " file with " + dims + " dimensions";
        }
        return "not an IDX file";
    }

    private static InvalidDataException corruptGzip(String name, IOException e) {
        String why = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        return new InvalidDataException(name + ": corrupt or truncated gzip stream (" + why + ")",
                e);
    }

    /** Reads until {@code len} bytes or end of stream; returns how many were read. */
    private static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8
                | (b[off + 3] & 0xFF);
    }

    private static String hex(int v) {
        return String.format("0x%08x", v);
    }
}
