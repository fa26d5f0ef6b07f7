package org.vae4j.data;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Objects;

/**
 * The pixel conversions {@link ImageFolder} applies to each decoded PNG or JPEG: to 8-bit sRGB,
 * to a common size, and to gray or RGB planes. Stateless and thread-safe.
 */
public final class ImageConversion {

    private ImageConversion() {}

    /**
     * An opaque 8-bit sRGB copy ({@link BufferedImage#TYPE_INT_RGB}) of a decoded image.
     *
     * <p>Gray images (8- or 16-bit gray PNGs, gray JPEGs) are read from their raster: Java
     * treats their colour space as linear, so {@code getRGB} would brighten a stored 128 to 188.
     * Samples of {@code b} bits are scaled to {@code round(v·255 / (2^b − 1))}. Transparent
     * pixels are composited over black ({@code c·α}), the background of MNIST-style images.
     *
     * @param image any decoded image
     * @return a new {@code TYPE_INT_RGB} image of the same size
     */
    public static BufferedImage toRgb(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        if (!cm.hasAlpha() && cm.getColorSpace().isCS_sRGB()) {
            // Opaque sRGB (colour JPEGs and PNGs, palettes): a blit copies the values exactly
            // and is about four times faster than getRGB's per-pixel conversion.
            BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setComposite(AlphaComposite.Src);
                g.drawImage(image, 0, 0, null);
            } finally {
                g.dispose();
            }
            return out;
        }
        int[] rgb = new int[w * h];
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !(cm instanceof IndexColorModel)) {
            grayPixels(image.getRaster(), cm.hasAlpha(), rgb);
        } else {
            image.getRGB(0, 0, w, h, rgb, 0, w);
            if (cm.hasAlpha()) {
                for (int p = 0; p < rgb.length; p++) {
                    int a = rgb[p] >>> 24;
                    rgb[p] = (over(rgb[p] >> 16 & 0xFF, a) << 16)
                            | (over(rgb[p] >> 8 & 0xFF, a) << 8) | over(rgb[p] & 0xFF, a);
                }
            }
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    private static void grayPixels(Raster r, boolean alpha, int[] rgb) {
        int w = r.getWidth();
        int h = r.getHeight();
        int maxV = (1 << r.getSampleModel().getSampleSize(0)) - 1;
        int maxA = alpha ? (1 << r.getSampleModel().getSampleSize(1)) - 1 : 1;
        int[] v = r.getSamples(r.getMinX(), r.getMinY(), w, h, 0, (int[]) null);
        int[] a = alpha ? r.getSamples(r.getMinX(), r.getMinY(), w, h, 1, (int[]) null) : null;
        for (int p = 0; p < v.length; p++) {
            // Long arithmetic: a 16-bit value times a 16-bit alpha times 255 overflows an int.
            long num = (long) v[p] * 255 * (alpha ? a[p] : 1);
            long den = (long) maxV * maxA;
            int g = (int) ((num + den / 2) / den);
            rgb[p] = (g << 16) | (g << 8) | g;
        }
    }

    /** A colour channel composited over black: {@code round(c·a/255)}. */
    private static int over(int c, int a) {
        return (c * a + 127) / 255;
    }

    /**
     * Scales an image so that its shorter side (relative to the target's shape) matches the
     * target, keeping the aspect ratio, then cuts the centre: a {@code W×H} image becomes
     * {@code max(w, round(W·s))×max(h, round(H·s))} with {@code s = max(w/W, h/H)}, cropped
     * symmetrically to {@code w×h} (an odd surplus loses its extra column or row on the right or
     * bottom). An image already of the target size is returned as it is.
     *
     * <p>Downscaling halves the image with bilinear interpolation while it is at least twice the
     * needed size, then makes one last bilinear step: every halving averages 2×2 blocks, so all
     * source pixels contribute (a single bilinear step from far above the target samples only
     * a few and aliases). Upscaling is one bicubic step.
     *
     * @param rgb an opaque image, e.g. from {@link #toRgb}
     * @param size the target size
     * @return a {@code TYPE_INT_RGB} image of exactly {@code size}
     */
    public static BufferedImage resizeAndCrop(BufferedImage rgb, ImageSize size) {
        int w0 = rgb.getWidth();
        int h0 = rgb.getHeight();
        int tw = size.width();
        int th = size.height();
        if (w0 == tw && h0 == th) {
            return rgb;
        }
        double s = Math.max((double) tw / w0, (double) th / h0);
        int sw = Math.max(tw, (int) Math.round(w0 * s));
        int sh = Math.max(th, (int) Math.round(h0 * s));
        BufferedImage cur = rgb;
        while (cur.getWidth() / 2 >= sw && cur.getHeight() / 2 >= sh) {
            cur = scaled(cur, cur.getWidth() / 2, cur.getHeight() / 2,
                    RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (cur.getWidth() != sw || cur.getHeight() != sh) {
            cur = scaled(cur, sw, sh, s > 1 ? RenderingHints.VALUE_INTERPOLATION_BICUBIC
                    : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        }
        if (sw == tw && sh == th) {
            return cur;
        }
        int[] px = cur.getRGB((sw - tw) / 2, (sh - th) / 2, tw, th, null, 0, tw);
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, tw, th, px, 0, tw);
        return out;
    }

    private static BufferedImage scaled(BufferedImage src, int w, int h, Object interpolation) {
        BufferedImage dst = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = dst.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return dst;
    }

    /**
     * ITU-R BT.601 luma of an 8-bit sRGB colour, in integers so that gray stays exact.
     *
     * @param r red {@code 0..255}
     * @param g green {@code 0..255}
     * @param b blue {@code 0..255}
     * @return {@code round((299 r + 587 g + 114 b) / 1000)}, e.g. 76 for pure red
     */
    public static int luma(int r, int g, int b) {
        return (299 * r + 587 * g + 114 * b + 500) / 1000;
    }

    /**
     * Whether any pixel has colour.
     *
     * @param rgb an image, e.g. from {@link #toRgb}
     * @return true if some pixel's R, G and B are not all equal
     */
    public static boolean hasColour(BufferedImage rgb) {
        int[] px = rgb.getRGB(0, 0, rgb.getWidth(), rgb.getHeight(), null, 0, rgb.getWidth());
        for (int p : px) {
            int r = p >> 16 & 0xFF;
            if (r != (p >> 8 & 0xFF) || r != (p & 0xFF)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes an image as channel-first unsigned bytes: {@code C×H×W} with C = 1 (luma) or 3
     * (R, G, B planes).
     *
     * @param rgb an opaque image of {@code H} rows and {@code W} columns
     * @param channels 1 or 3
     * @param dst destination
     * @param offset where the image's {@code C·H·W} bytes start in {@code dst}
     * @throws IllegalArgumentException if {@code channels} is not 1 or 3
     */
    public static void toPlanes(BufferedImage rgb, int channels, byte[] dst, int offset) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        int w = rgb.getWidth();
        int plane = w * rgb.getHeight();
        Objects.checkFromIndexSize(offset, channels * plane, dst.length);
        int[] px = rgb.getRGB(0, 0, w, rgb.getHeight(), null, 0, w);
        for (int p = 0; p < plane; p++) {
            int r = px[p] >> 16 & 0xFF;
            int g = px[p] >> 8 & 0xFF;
            int b = px[p] & 0xFF;
            if (channels == 1) {
                dst[offset + p] = (byte) luma(r, g, b);
            } else {
                dst[offset + p] = (byte) r;
                dst[offset + plane + p] = (byte) g;
                dst[offset + 2 * plane + p] = (byte) b;
            }
        }
    }
}
