package org.vae4j.eval.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vae4j.data.ImageSet;

/** Image sets made worse on purpose, for the metric's sanity checks: blur, noise, a dropped class. */
final class Degradations {

    private Degradations() {}

    /**
     * Every image blurred by a Gaussian of standard deviation {@code sigma} pixels (separable,
     * kernel radius ⌈3σ⌉, edges clamped), rounded back to bytes.
     */
    static ImageSet blurred(ImageSet images, double sigma) {
        int r = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            kernel[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
            sum += kernel[i + r];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= sum;
        }
        int c = images.channels();
        int h = images.height();
        int w = images.width();
        int per = images.pixelsPerImage();
        byte[] out = new byte[images.size() * per];
        double[] tmp = new double[h * w];
        for (int n = 0; n < images.size(); n++) {
            for (int ch = 0; ch < c; ch++) {
                int base = ch * h * w;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double v = 0;
                        for (int k = -r; k <= r; k++) {
                            int xx = Math.min(w - 1, Math.max(0, x + k));
                            v += kernel[k + r] * images.pixel(n, base + y * w + xx);
                        }
                        tmp[y * w + x] = v;
                    }
                }
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double v = 0;
                        for (int k = -r; k <= r; k++) {
                            int yy = Math.min(h - 1, Math.max(0, y + k));
                            v += kernel[k + r] * tmp[yy * w + x];
                        }
                        out[n * per + base + y * w + x] = (byte) Math.round(v);
                    }
                }
            }
        }
        return new ImageSet(out, images.size(), c, h, w, images.labels(),
                images.source() + " (blur sigma " + sigma + ")");
    }

    /** As many images of uniform noise, each pixel uniform in 0..255. */
    static ImageSet noise(ImageSet like, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] p = new byte[like.size() * like.pixelsPerImage()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) rng.nextInt(256);
        }
        return new ImageSet(p, like.size(), like.channels(), like.height(), like.width(),
                like.labels(), "uniform noise");
    }

    /** The first {@code n} images of {@code images} whose label is not {@code dropped}. */
    static ImageSet withoutClass(ImageSet images, int dropped, int n) {
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < images.size() && keep.size() < n; i++) {
            if (images.label(i) != dropped) {
                keep.add(i);
            }
        }
        if (keep.size() < n) {
            throw new IllegalArgumentException("only " + keep.size() + " images without class "
                    + dropped + ", wanted " + n);
        }
        return images.subset(keep.stream().mapToInt(Integer::intValue).toArray(),
                images.source() + " without class " + dropped);
    }

    /** Images {@code from .. from + n} of a set. */
    static ImageSet range(ImageSet images, int from, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = from + i;
        }
        return images.subset(idx, images.source() + " [" + from + ", " + (from + n) + ")");
    }
}
