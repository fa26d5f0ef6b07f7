package org.vae4j.data;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * A parsed, immutable image corruption: noise to denoise or a mask to inpaint.
 *
 * <p>Specs, with the kind matched ignoring case:
 * <ul>
 *   <li>{@code noise:SIGMA}: additive Gaussian noise, {@code x' = clip(x + σ·ε, 0, 1)} with
 *       {@code ε ~ N(0, 1)} drawn independently for every value (every channel of every
 *       pixel); {@code σ ∈ (0, 10]}.
 *   <li>{@code saltpepper:P}: each pixel (spatial location) independently, with probability
 *       {@code P}, is set to 0 or to 1 with equal chance, in all its channels (black or white);
 *       {@code P ∈ (0, 1]}.
 *   <li>{@code mask:center}: a centred {@code s×s} square of pixels is unknown, with
 *       {@code s = max(1, ⌊min(H, W)/2⌋)}, rows {@code ⌊(H−s)/2⌋ ..} and columns
 *       {@code ⌊(W−s)/2⌋ ..}; for 28×28 images rows and columns 7..20.
 *   <li>{@code mask:random:P}: each pixel independently is unknown with probability
 *       {@code P ∈ (0, 1)}.
 * </ul>
 * Unknown pixels are set to 0 in all channels. Images are flat {@code float} arrays of
 * {@code C×H×W} values in {@code [0, 1]}, channels-first and row-major as
 * {@link ImageSet#copyPixels} produces them.
 */
public final class Corruption {
    private static final String FORMS = "noise:SIGMA, saltpepper:P, mask:center or mask:random:P";
    /** Plain decimal numbers only: no hex, NaN, Infinity or {@code d}/{@code f} suffixes. */
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private enum Kind { NOISE, SALT_PEPPER, MASK_CENTER, MASK_RANDOM }

    private final Kind kind;
    /** σ for noise, P for salt-and-pepper and random masks, 0 for the centre mask. */
    private final double parameter;
    private final String spec;

    private Corruption(Kind kind, double parameter, String spec) {
        this.kind = kind;
        this.parameter = parameter;
        this.spec = spec;
    }

    /**
     * The images after corruption, and which of their values are unknown.
     *
     * @param corrupted one new {@code C×H×W} array per image
     * @param unknown one new {@code C×H×W} array per image, {@code true} where the value is
     *     unknown (masked); all {@code false} for noise and salt-and-pepper
     */
    public record Result(float[][] corrupted, boolean[][] unknown) {
        /**
         * Checks that both arrays are present and hold the same number of images.
         *
         * @param corrupted one new {@code C×H×W} array per image
         * @param unknown one new {@code C×H×W} array per image, {@code true} where unknown
         */
        public Result {
            Objects.requireNonNull(corrupted, "corrupted");
            Objects.requireNonNull(unknown, "unknown");
            if (corrupted.length != unknown.length) {
                throw new IllegalArgumentException("corrupted has " + corrupted.length
                        + " images but unknown has " + unknown.length);
            }
        }
    }

    /**
     * Parses a spec, ignoring case and surrounding blanks.
     *
     * @param spec e.g. {@code "noise:0.1"}, {@code "saltpepper:0.2"}, {@code "mask:center"} or
     *     {@code "mask:random:0.5"}
     * @return the corruption
     * @throws IllegalArgumentException naming the bad spec, the valid forms and, for a number
     *     out of range, the range
     */
    public static Corruption parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("corrupt spec null must be " + FORMS);
        }
        String[] parts = spec.trim().split(":", -1);
        String k = parts[0].trim().toLowerCase(Locale.ROOT);
        if (k.equals("noise") && parts.length == 2) {
            double sigma = number(spec, "SIGMA", parts[1]);
            if (!(sigma > 0 && sigma <= 10)) {
                throw bad(spec, "SIGMA must be in (0, 10], got " + parts[1].trim());
            }
            return new Corruption(Kind.NOISE, sigma, "noise:" + format(sigma));
        }
        if (k.equals("saltpepper") && parts.length == 2) {
            double p = number(spec, "P", parts[1]);
            if (!(p > 0 && p <= 1)) {
                throw bad(spec, "P must be in (0, 1], got " + parts[1].trim());
            }
            return new Corruption(Kind.SALT_PEPPER, p, "saltpepper:" + format(p));
        }
        if (k.equals("mask") && parts.length >= 2) {
            String how = parts[1].trim().toLowerCase(Locale.ROOT);
            if (how.equals("center") && parts.length == 2) {
                return new Corruption(Kind.MASK_CENTER, 0, "mask:center");
            }
            if (how.equals("random") && parts.length == 3) {
                double p = number(spec, "P", parts[2]);
                if (!(p > 0 && p < 1)) {
                    throw bad(spec, "P must be in (0, 1), got " + parts[2].trim());
                }
                return new Corruption(Kind.MASK_RANDOM, p, "mask:random:" + format(p));
            }
        }
        throw bad(spec, null);
    }

    /**
     * The normalized spec: lower case, numbers without trailing zeros; parsing it gives an
     * equal corruption.
     *
     * @return e.g. {@code "noise:0.1"} or {@code "mask:center"}
     */
    public String spec() {
        return spec;
    }

    /**
     * Whether this corruption hides pixels (a mask) rather than perturbing them.
     *
     * @return {@code true} for {@code mask:center} and {@code mask:random:P}
     */
    public boolean isMask() {
        return kind == Kind.MASK_CENTER || kind == Kind.MASK_RANDOM;
    }

    /**
     * Corrupts images, leaving the inputs untouched.
     *
     * <p>Deterministic: the same images and seed give the same result. Image {@code i} uses
     * its own {@link SplittableRandom} stream, the {@code i}-th split of
     * {@code new SplittableRandom(seed)}, so its corruption depends only on the seed, on
     * {@code i} and on its own values. The centre mask uses no randomness.
     *
     * @param images {@code N} arrays of {@code channels*height*width} values, channels-first
     * @param channels channels per image, {@code > 0}
     * @param height rows per image, {@code > 0}
     * @param width columns per image, {@code > 0}
     * @param seed random seed
     * @return new corrupted arrays and the unknown-value masks
     * @throws IllegalArgumentException if a size is not positive or an image's length is not
     *     {@code channels*height*width}
     */
    public Result apply(float[][] images, int channels, int height, int width, long seed) {
        Objects.requireNonNull(images, "images");
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image dimensions must be > 0, got "
                    + channels + "x" + height + "x" + width + " (CxHxW)");
        }
        long perImage = (long) channels * height * width;
        if (perImage > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("images of " + channels + "x" + height + "x"
                    + width + " have " + perImage + " values, too many for an array");
        }
        int plane = height * width;
        for (int i = 0; i < images.length; i++) {
            Objects.requireNonNull(images[i], "images[" + i + "]");
            if (images[i].length != perImage) {
                throw new IllegalArgumentException("images[" + i + "].length is "
                        + images[i].length + " but " + channels + "x" + height + "x" + width
                        + " images need " + perImage);
            }
        }
        boolean[] centre = kind == Kind.MASK_CENTER ? centreMask(height, width) : null;
        SplittableRandom root = new SplittableRandom(seed);
        float[][] out = new float[images.length][];
        boolean[][] unknown = new boolean[images.length][];
        for (int i = 0; i < images.length; i++) {
            SplittableRandom rng = root.split();
            float[] x = images[i].clone();
            boolean[] u = new boolean[x.length];
            switch (kind) {
                case NOISE -> {
                    for (int p = 0; p < x.length; p++) {
                        double v = x[p] + parameter * rng.nextGaussian();
                        x[p] = (float) Math.min(1.0, Math.max(0.0, v));
                    }
                }
                case SALT_PEPPER -> {
                    double half = parameter / 2;
                    for (int p = 0; p < plane; p++) {
                        double r = rng.nextDouble();
                        if (r < parameter) {
                            float v = r < half ? 0f : 1f;
                            for (int c = 0; c < channels; c++) {
                                x[c * plane + p] = v;
                            }
                        }
                    }
                }
                case MASK_CENTER -> maskLocations(x, u, centre, channels, plane);
                case MASK_RANDOM -> {
                    boolean[] where = new boolean[plane];
                    for (int p = 0; p < plane; p++) {
                        where[p] = rng.nextDouble() < parameter;
                    }
                    maskLocations(x, u, where, channels, plane);
                }
                default -> throw new AssertionError(kind);
            }
            out[i] = x;
            unknown[i] = u;
        }
        return new Result(out, unknown);
    }

    /** Two corruptions are equal if their normalized specs are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Corruption other && spec.equals(other.spec);
    }

    @Override
    public int hashCode() {
        return spec.hashCode();
    }

    /** The normalized spec, as {@link #spec()}. */
    @Override
    public String toString() {
        return spec;
    }

    /** Sets every channel of each masked location to 0 and marks it unknown. */
    private static void maskLocations(float[] x, boolean[] u, boolean[] where, int channels,
            int plane) {
        for (int p = 0; p < plane; p++) {
            if (where[p]) {
                for (int c = 0; c < channels; c++) {
                    x[c * plane + p] = 0f;
                    u[c * plane + p] = true;
                }
            }
        }
    }

    /** The {@code H×W} locations of the centred square, side {@code max(1, min(H,W)/2)}. */
    private static boolean[] centreMask(int height, int width) {
        int side = Math.max(1, Math.min(height, width) / 2);
        int top = (height - side) / 2;
        int left = (width - side) / 2;
        boolean[] where = new boolean[height * width];
        for (int y = top; y < top + side; y++) {
            for (int x = left; x < left + side; x++) {
                where[y * width + x] = true;
            }
        }
        return where;
    }

    private static double number(String spec, String name, String text) {
        String t = text.trim();
        if (!NUMBER.matcher(t).matches()) {
            throw bad(spec, name + " must be a number, got '" + t + "'");
        }
        return Double.parseDouble(t);
    }

    private static String format(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static IllegalArgumentException bad(String spec, String reason) {
        String message = "corrupt spec '" + spec + "' must be " + FORMS
                + (reason == null ? "" : ": " + reason);
        return new IllegalArgumentException(message.replace("\r", "\\r").replace("\n", "\\n"));
    }
}
