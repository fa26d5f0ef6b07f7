package org.vae4j.viz;

import java.util.List;
import java.util.SplittableRandom;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;

/** An untrained 8x8, latent-3 VAE and random images: enough to check what gets decoded where. */
final class TinyModel {

    static final VaeConfig CONFIG =
            VaeConfig.mlp(1, 8, 8).withLatentDim(3).withHidden(List.of(16));

    private TinyModel() {}

    static VaeModel create(long seed) {
        EngineSetup.configure(2);
        return VaeModel.create(CONFIG, seed);
    }

    static float[] randomImage(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[64];
        for (int j = 0; j < x.length; j++) {
            x[j] = r.nextInt(256) / 255f;
        }
        return x;
    }

    static ImageSet randomSet(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] p = new byte[n * 64];
        r.nextBytes(p);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(4);
        }
        return new ImageSet(p, n, 1, 8, 8, labels, "random 8x8");
    }

    /** The largest absolute difference between two arrays of equal length. */
    static double maxDiff(float[] a, float[] b) {
        double m = 0;
        for (int j = 0; j < a.length; j++) {
            m = Math.max(m, Math.abs(a[j] - b[j]));
        }
        return m;
    }
}
