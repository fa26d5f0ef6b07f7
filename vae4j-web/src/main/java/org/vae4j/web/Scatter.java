package org.vae4j.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vae4j.data.ImageSet;
import org.vae4j.data.SpreadSample;
import org.vae4j.model.LikelihoodScorer;
import org.vae4j.model.ModelConfig;

/**
 * The latent means of the server's reference images projected to 2-D, computed once at
 * start-up: at most {@value #POINTS} of them, spread over their classes, with their class names
 * (or the label numbers when the set names none). Without reference images: no points and the
 * plane of latent dims 0 and 1.
 */
final class Scatter {

    /** Reference images encoded at start-up, at most. */
    static final int POINTS = 2000;

    /** Seed of the sample when there are more reference images than {@link #POINTS}. */
    static final long SEED = 0;

    private final Projection projection;
    private final List<Number[]> points;
    private final List<String> classes;

    private Scatter(Projection projection, List<Number[]> points, List<String> classes) {
        this.projection = projection;
        this.points = points;
        this.classes = classes;
    }

    /**
     * Checks that the reference images have the model's shape, before any model work.
     *
     * @param config the model's configuration
     * @param images the reference images, or null
     * @throws IllegalArgumentException naming both shapes
     */
    static void checkShape(ModelConfig config, ImageSet images) {
        if (images != null && (images.channels() != config.channels()
                || images.height() != config.height() || images.width() != config.width())) {
            throw new IllegalArgumentException(images.source() + ": the scatter's images are "
                    + images.channels() + "x" + images.height() + "x" + images.width()
                    + " but the model expects " + config.channels() + "x" + config.height()
                    + "x" + config.width());
        }
    }

    /**
     * Encodes the reference images and fits the projection (identity for L = 2, else PCA).
     * Runs on the model thread.
     *
     * @param model the model
     * @param images the reference images, shaped like the model's input, or null for none
     * @return the scatter
     */
    static Scatter compute(LikelihoodScorer model, ImageSet images) {
        int l = model.config().latentDim();
        if (images == null) {
            return new Scatter(Projection.identity(l), List.of(), null);
        }
        checkShape(model.config(), images);
        // Not the first 2000: an image folder's come sorted by class.
        ImageSet data = SpreadSample.of(images, POINTS, SEED);
        float[][] mu = model.encode(data.toRows(null)).mu();
        Projection p = l == 2 ? Projection.identity(l) : Projection.pca(mu);
        List<Number[]> pts = new ArrayList<>(mu.length);
        for (int i = 0; i < mu.length; i++) {
            double[] xy = p.project(mu[i]);
            pts.add(data.hasLabels()
                    ? new Number[] {(float) xy[0], (float) xy[1], data.label(i)}
                    : new Number[] {(float) xy[0], (float) xy[1]});
        }
        return new Scatter(p, pts, data.hasLabels() ? classNames(data) : null);
    }

    /** The set's class names, or the label numbers: the page has no names of its own. */
    private static List<String> classNames(ImageSet data) {
        if (!data.classNames().isEmpty()) {
            return data.classNames();
        }
        int max = 0;
        for (int i = 0; i < data.size(); i++) {
            max = Math.max(max, data.label(i));
        }
        List<String> names = new ArrayList<>(max + 1);
        for (int k = 0; k <= max; k++) {
            names.add(String.valueOf(k));
        }
        return names;
    }

    /** The projection, to place encoded images on the pad. */
    Projection projection() {
        return projection;
    }

    /**
     * The {@code /api/scatter} response.
     *
     * @return points ([x, y, label], or [x, y] without labels), projection, bounds and (with
     *     labels) the class names
     */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", points);
        m.put("projection", projection);
        m.put("bounds", bounds());
        if (classes != null) {
            m.put("classes", classes);
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
