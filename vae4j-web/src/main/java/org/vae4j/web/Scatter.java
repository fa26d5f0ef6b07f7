package org.vae4j.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.model.ModelConfig;
import org.vae4j.model.LikelihoodScorer;

/**
 * The latent means of reference images projected to 2-D, computed once at start-up: the first
 * 2000 embedded Fashion-MNIST test images if the model takes 1×28×28 images, else no points and
 * the plane of latent dims 0 and 1.
 */
final class Scatter {

    /** Reference images encoded at start-up. */
    static final int POINTS = 2000;

    private final Projection projection;
    private final List<Number[]> points;
    private final boolean labelled;

    private Scatter(Projection projection, List<Number[]> points, boolean labelled) {
        this.projection = projection;
        this.points = points;
        this.labelled = labelled;
    }

    /**
     * Encodes the reference images and fits the projection (identity for L = 2, else PCA).
     * Runs on the model thread.
     *
     * @param model the model
     * @return the scatter
     */
    static Scatter compute(LikelihoodScorer model) {
        ModelConfig c = model.config();
        int l = c.latentDim();
        if (c.channels() != 1 || c.height() != 28 || c.width() != 28) {
            return new Scatter(Projection.identity(l), List.of(), false);
        }
        ImageSet data = EmbeddedData.fashionMnistTest().first(POINTS);
        float[][] mu = model.encode(data.toRows(null)).mu();
        Projection p = l == 2 ? Projection.identity(l) : Projection.pca(mu);
        List<Number[]> pts = new ArrayList<>(mu.length);
        for (int i = 0; i < mu.length; i++) {
            double[] xy = p.project(mu[i]);
            pts.add(new Number[] {(float) xy[0], (float) xy[1], data.label(i)});
        }
        return new Scatter(p, pts, true);
    }

    /** The projection, to place encoded images on the pad. */
    Projection projection() {
        return projection;
    }

    /**
     * The {@code /api/scatter} response.
     *
     * @return points, projection, bounds and (with labels) the class names
     */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", points);
        m.put("projection", projection);
        m.put("bounds", bounds());
        if (labelled) {
            m.put("classes", EmbeddedData.FASHION_MNIST_CLASSES);
        }
        return m;
    }

    /** The points' extent plus a 5% margin; [-3, 3] (the prior's bulk) when there are none. */
    private Map<String, Double> bounds() {
        double[] lo = {-3, -3};
        double[] hi = {3, 3};
        if (!points.isEmpty()) {
            lo = new double[] {Double.MAX_VALUE, Double.MAX_VALUE};
            hi = new double[] {-Double.MAX_VALUE, -Double.MAX_VALUE};
            for (Number[] p : points) {
                for (int k = 0; k < 2; k++) {
                    lo[k] = Math.min(lo[k], p[k].doubleValue());
                    hi[k] = Math.max(hi[k], p[k].doubleValue());
                }
            }
            for (int k = 0; k < 2; k++) {
                // A flat axis (L = 1 has y = 0 everywhere) still gets a usable range.
                double margin = hi[k] > lo[k] ? 0.05 * (hi[k] - lo[k]) : 1;
                lo[k] -= margin;
                hi[k] += margin;
            }
        }
        Map<String, Double> b = new LinkedHashMap<>();
        b.put("xmin", lo[0]);
        b.put("xmax", hi[0]);
        b.put("ymin", lo[1]);
        b.put("ymax", hi[1]);
        return b;
    }
}
