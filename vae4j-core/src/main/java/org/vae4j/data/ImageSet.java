package org.vae4j.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.vae4j.util.SourceNames;

/**
 * An immutable in-memory set of {@code N} images of {@code C×H×W} unsigned-byte pixels
 * (channels-first, row-major), with optional integer labels.
 *
 * <p>Image {@code i}'s pixel {@code (c, y, x)} is byte
 * {@code i*C*H*W + c*H*W + y*W + x} of the pixel array, read as {@code 0..255}. A labelled set
 * may also carry class names: the name of label {@code k} is {@code classNames().get(k)} (for
 * an image folder, its sorted sub-folder names; for CIFAR-10, {@code batches.meta.txt}).
 * The constructor keeps the arrays it is given without copying them (the Fashion-MNIST training
 * set is 47 MB), so callers must not modify them afterwards. Everything this class returns is
 * either a copy or a new set. Instances are safe to share between threads.
 */
public final class ImageSet implements Dataset {
    /** {@code value/255f} for every unsigned byte value: one table look-up per pixel. */
    private static final float[] TO_UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            TO_UNIT[v] = v / 255f;
        }
    }

    private final byte[] pixels;
    private final int count;
    private final int channels;
    private final int height;
    private final int width;
    private final int pixelsPerImage;
    private final int[] labels;
    /** Unmodifiable, or null when the set has no class names. */
    private final List<String> classNames;
    private final String source;
    /** Not final: hashing 47 MB costs ~0.1 s, so it is computed on first use only. */
    private volatile String fingerprint;

    /**
     * Wraps pixel (and label) arrays without copying them.
     *
     * @param pixels {@code count*channels*height*width} unsigned bytes, image after image,
     *     each {@code C×H×W} row-major; not copied, must not be modified afterwards
     * @param count number of images, {@code > 0}
     * @param channels channels per image, {@code > 0}
     * @param height rows per image, {@code > 0}
     * @param width columns per image, {@code > 0}
     * @param labelsOrNull one label per image, or {@code null}; not copied
     * @param source human description of where the images came from (a path, say)
     * @throws IllegalArgumentException if a size is not positive or an array length is wrong
     */
    public ImageSet(byte[] pixels, int count, int channels, int height, int width,
            int[] labelsOrNull, String source) {
        this(pixels, count, channels, height, width, labelsOrNull, null, source);
    }

    /**
     * Wraps pixel and label arrays without copying them, with the names of the classes.
     *
     * @param pixels {@code count*channels*height*width} unsigned bytes, image after image,
     *     each {@code C×H×W} row-major; not copied, must not be modified afterwards
     * @param count number of images, {@code > 0}
     * @param channels channels per image, {@code > 0}
     * @param height rows per image, {@code > 0}
     * @param width columns per image, {@code > 0}
     * @param labelsOrNull one label per image, or {@code null}; not copied
     * @param classNamesOrNull the name of each label {@code 0..K-1}, or {@code null}; needs
     *     labels, and every label must be in {@code [0, K)}; copied
     * @param source human description of where the images came from (a path, say)
     * @throws IllegalArgumentException if a size is not positive, an array length is wrong, or
     *     class names are given without labels, blank, or fewer than a label needs
     */
    public ImageSet(byte[] pixels, int count, int channels, int height, int width,
            int[] labelsOrNull, List<String> classNamesOrNull, String source) {
        Objects.requireNonNull(pixels, "pixels");
        Objects.requireNonNull(source, "source");
        if (count <= 0) {
            throw new IllegalArgumentException("image count must be > 0, got " + count);
        }
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image dimensions must be > 0, got "
                    + channels + "x" + height + "x" + width + " (CxHxW)");
        }
        long perImage = (long) channels * height * width;
        long expected = perImage * count;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels.length is " + pixels.length
                    + " but " + count + " images of " + channels + "x" + height + "x" + width
                    + " need " + expected);
        }
        if (labelsOrNull != null && labelsOrNull.length != count) {
            throw new IllegalArgumentException("labels.length is " + labelsOrNull.length
                    + " but there are " + count + " images");
        }
        this.pixels = pixels;
        this.count = count;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.pixelsPerImage = (int) perImage;
        this.labels = labelsOrNull;
        this.classNames = classNamesOrNull == null ? null
                : Fingerprint.checkedNames(List.copyOf(classNamesOrNull), labelsOrNull, source);
        this.source = source;
    }


    /**
     * Number of images.
     *
     * @return {@code N > 0}
     */
    public int size() {
        return count;
    }

    /**
     * Channels per image.
     *
     * @return {@code C}: 1 for grayscale
     */
    public int channels() {
        return channels;
    }

    /**
     * Rows per image.
     *
     * @return {@code H}
     */
    public int height() {
        return height;
    }

    /**
     * Columns per image.
     *
     * @return {@code W}
     */
    public int width() {
        return width;
    }

    /**
     * Values per image.
     *
     * @return {@code C*H*W}
     */
    public int pixelsPerImage() {
        return pixelsPerImage;
    }

    /**
     * Whether every image has a label.
     *
     * @return true if labels were given
     */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * The label of one image.
     *
     * @param i image index in {@code [0, size())}
     * @return its label (for IDX files, {@code 0..255})
     * @throws IllegalStateException if the set has no labels
     * @throws IndexOutOfBoundsException if {@code i} is out of range
     */
    public int label(int i) {
        if (labels == null) {
            throw new IllegalStateException(source + ": has no labels");
        }
        Objects.checkIndex(i, count);
        return labels[i];
    }

    /**
     * All labels.
     *
     * @return a new array of length {@code size()}, or {@code null} if there are no labels
     */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /**
     * The names of the classes, indexed by label.
     *
     * @return an unmodifiable list of {@code K} names, empty if the set has none
     */
    public List<String> classNames() {
        return classNames == null ? List.of() : classNames;
    }

    /**
     * The same images and labels with class names: no pixels are copied.
     *
     * @param names the name of each label {@code 0..K-1}
     * @return a new set sharing this one's arrays
     * @throws IllegalArgumentException if the set has no labels or a label has no name
     */
    public ImageSet withClassNames(List<String> names) {
        Objects.requireNonNull(names, "names");
        return new ImageSet(pixels, count, channels, height, width, labels, names, source);
    }

    /**
     * Where the images came from.
     *
     * @return e.g. a file path or {@code "embedded Fashion-MNIST test set (10,000 images)"}
     */
    public String source() {
        return source;
    }

    /**
     * One raw pixel value.
     *
     * @param index image index in {@code [0, size())}
     * @param offset position within the image, {@code c*H*W + y*W + x}
     * @return the unsigned byte value {@code 0..255}
     */
    public int pixel(int index, int offset) {
        Objects.checkIndex(index, count);
        Objects.checkIndex(offset, pixelsPerImage);
        return pixels[index * pixelsPerImage + offset] & 0xFF;
    }

    /**
     * A copy of all raw pixels, e.g. for {@link IdxFormat#writeImages}.
     *
     * @return a new array of {@code size()*pixelsPerImage()} unsigned bytes
     */
    public byte[] pixelBytes() {
        return pixels.clone();
    }

    /**
     * Writes images {@code indices[from..from+n)} into {@code dst} as floats in
     * {@code [0, 1]} ({@code value/255f}), image after image, each {@code pixelsPerImage()}
     * long, starting at {@code dst[0]}. Allocates nothing: this is the batch-assembly hot path.
     *
     * @param indices image indices
     * @param from first position in {@code indices} to use
     * @param n how many images to copy
     * @param dst destination with room for {@code n*pixelsPerImage()} floats
     * @throws IndexOutOfBoundsException if a range or an image index is out of bounds
     */
    public void copyPixels(int[] indices, int from, int n, float[] dst) {
        Objects.checkFromIndexSize(from, n, indices.length);
        Objects.checkFromIndexSize(0, (long) n * pixelsPerImage, dst.length);
        int d = 0;
        for (int k = from; k < from + n; k++) {
            int s = Objects.checkIndex(indices[k], count) * pixelsPerImage;
            for (int end = s + pixelsPerImage; s < end; s++) {
                dst[d++] = TO_UNIT[pixels[s] & 0xFF];
            }
        }
    }

    @Override
    public int rowWidth() {
        return pixelsPerImage;
    }

    @Override
    public void copyRows(int[] indices, int from, int n, float[] dst) {
        if (indices != null) {
            copyPixels(indices, from, n, dst);
            return;
        }
        for (int i = 0; i < n; i++) {
            copyPixels(from + i, dst, i * pixelsPerImage);
        }
    }

    /**
     * Writes one image into {@code dst} as floats in {@code [0, 1]} ({@code value/255f}).
     *
     * @param index image index in {@code [0, size())}
     * @param dst destination
     * @param dstOffset where the image's {@code pixelsPerImage()} values start in {@code dst}
     * @throws IndexOutOfBoundsException if the index or the destination range is out of bounds
     */
    public void copyPixels(int index, float[] dst, int dstOffset) {
        Objects.checkIndex(index, count);
        Objects.checkFromIndexSize(dstOffset, pixelsPerImage, dst.length);
        int s = index * pixelsPerImage;
        for (int d = dstOffset, end = dstOffset + pixelsPerImage; d < end; d++) {
            dst[d] = TO_UNIT[pixels[s++] & 0xFF];
        }
    }

    /**
     * Copies images into new float rows in {@code [0, 1]}, the form {@code VaeModel}'s encode and
     * reconstruct take.
     *
     * @param indices image indices, or null for every image in order
     * @return {@code [n][pixelsPerImage()]}
     */
    public float[][] toRows(int[] indices) {
        int n = indices == null ? count : indices.length;
        float[][] rows = new float[n][pixelsPerImage];
        for (int i = 0; i < n; i++) {
            copyPixels(indices == null ? i : indices[i], rows[i], 0);
        }
        return rows;
    }

    /**
     * Copies the first {@code n} images (or all, if fewer) into new float rows.
     *
     * @param n how many
     * @return {@code [min(n, size())][pixelsPerImage()]}
     */
    public float[][] toRows(int n) {
        int[] first = new int[Math.min(n, count)];
        Arrays.setAll(first, i -> i);
        return toRows(first);
    }

    /**
     * A new set holding the given images (and their labels) in the given order.
     *
     * @param indices image indices, at least one; repeats are allowed
     * @param source description of the new set
     * @return a new set of {@code indices.length} images with copied pixels
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public ImageSet subset(int[] indices, String source) {
        byte[] p = new byte[Math.multiplyExact(indices.length, pixelsPerImage)];
        int[] l = labels == null ? null : new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = Objects.checkIndex(indices[k], count);
            System.arraycopy(pixels, i * pixelsPerImage, p, k * pixelsPerImage, pixelsPerImage);
            if (l != null) {
                l[k] = labels[i];
            }
        }
        return new ImageSet(p, indices.length, channels, height, width, l, classNames, source);
    }

    /**
     * The first {@code n} images, e.g. to limit a run or for quick tests.
     *
     * @param n how many, in {@code [1, size()]}
     * @return this set if {@code n == size()}, else a new set whose source says "first n"
     * @throws IllegalArgumentException if {@code n} is out of range
     */
    public ImageSet first(int n) {
        if (n < 1 || n > count) {
            throw new IllegalArgumentException(
                    "first(n) needs n in [1, " + count + "], got " + n + " (" + source + ")");
        }
        if (n == count) {
            return this;
        }
        byte[] p = Arrays.copyOf(pixels, n * pixelsPerImage);
        int[] l = labels == null ? null : Arrays.copyOf(labels, n);
        return new ImageSet(p, n, channels, height, width, l, classNames,
                SourceNames.qualify(source, "first " + n + " images"));
    }

    /**
     * A statically binarized copy: every pixel {@code >= 128} becomes 255, the rest 0
     * (see {@link Binarization#STATIC}).
     *
     * @return a new set with the same shape and labels and pixels 0 or 255
     */
    public ImageSet binarizedStatic() {
        byte[] p = new byte[pixels.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (pixels[i] & 0xFF) >= 128 ? (byte) 255 : 0;
        }
        return new ImageSet(p, count, channels, height, width, labels, classNames,
                SourceNames.qualify(source, "static binarized"));
    }

    /**
     * A content hash to tell whether two runs saw the same data: SHA-256 over the shape
     * (count, C, H, W as big-endian int32), the pixels, and the labels if any. Class names are
     * not hashed (renaming a class does not change what a model learns from the pixels), so
     * sets made before they existed keep their fingerprints. Computed on first use and cached.
     *
     * @return {@code "sha256:"} followed by 64 lower-case hex digits
     */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = Fingerprint.of(count, channels, height, width, pixels, labels);
            fingerprint = f; // benign race: every thread computes the same value
        }
        return f;
    }


    /**
     * A short description for logs.
     *
     * @return e.g. {@code "10000 images 1x28x28 with labels from data/train-images-idx3-ubyte"}
     */
    @Override
    public String toString() {
        return count + " images " + channels + "x" + height + "x" + width
                + (labels == null ? "" : " with labels") + " from " + source;
    }
}
