package org.vae4j.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Named, ordered measurements, per image, in the units the names say (nats for losses). A family
 * reports what it has: a VAE {@code neg_elbo, reconstruction, kl}; an autoencoder {@code
 * reconstruction}; later families perplexity, a discriminator loss or NDCG. The first entry is
 * the loss a progress line leads with. Immutable.
 */
public final class Metrics {

    private final Map<String, Double> values;

    private Metrics(Map<String, Double> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Metrics from parallel names and values.
     *
     * @param names distinct names, in display order (snake_case, e.g. {@code neg_elbo})
     * @param values one value per name
     * @return the metrics
     * @throws IllegalArgumentException if the lengths differ, a name repeats or is blank
     */
    public static Metrics of(List<String> names, double... values) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException(
                    names.size() + " metric names but " + values.length + " values");
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            String name = names.get(i);
            if (name == null || name.isBlank() || !name.equals(name.trim())) {
                throw new IllegalArgumentException("metric names must be non-blank, got '" + name + "'");
            }
            if (m.put(name, values[i]) != null) {
                throw new IllegalArgumentException("metric name repeats: " + name);
            }
        }
        return new Metrics(m);
    }

    /**
     * Metrics from a map, keeping its iteration order.
     *
     * @param values name to value
     * @return the metrics
     */
    public static Metrics of(Map<String, Double> values) {
        List<String> names = new ArrayList<>(values.keySet());
        double[] v = new double[names.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(names.get(i));
        }
        return of(names, v);
    }

    /**
     * The same names, every value NaN: what an epoch without validation data records.
     *
     * @param names the names
     * @return the metrics
     */
    public static Metrics missing(List<String> names) {
        double[] v = new double[names.size()];
        java.util.Arrays.fill(v, Double.NaN);
        return of(names, v);
    }

    /**
     * Returns the names in order.
     *
     * @return the names
     */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /**
     * Returns a value.
     *
     * @param name the metric
     * @return its value, NaN when this set has no such metric
     */
    public double get(String name) {
        Double v = values.get(name);
        return v == null ? Double.NaN : v;
    }

    /**
     * Whether a metric is present.
     *
     * @param name the metric
     * @return true if it is
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /**
     * The first metric's value: the loss.
     *
     * @return the value, NaN if empty
     */
    public double first() {
        return values.isEmpty() ? Double.NaN : values.values().iterator().next();
    }

    /**
     * Returns the values as an ordered, unmodifiable map.
     *
     * @return name to value
     */
    public Map<String, Double> asMap() {
        return values;
    }

    /**
     * How a metric is labelled on a progress line or a chart: {@code -ELBO}, {@code rec}, {@code
     * KL} for the ELBO's terms, else the name with blanks for underscores.
     *
     * @param name the metric
     * @return the label
     */
    public static String label(String name) {
        switch (name) {
            case "neg_elbo":
                return "-ELBO";
            case "reconstruction":
                return "rec";
            case "kl":
                return "KL";
            default:
                return name.replace('_', ' ');
        }
    }

    /**
     * A longer label for chart titles: {@code Negative ELBO}, {@code Reconstruction}, ...
     *
     * @param name the metric
     * @return the title
     */
    public static String title(String name) {
        switch (name) {
            case "neg_elbo":
                return "Negative ELBO";
            case "reconstruction":
                return "Reconstruction";
            case "kl":
                return "KL divergence";
            default:
                String s = name.replace('_', ' ');
                return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metrics m && values.equals(m.values)
                && names().equals(m.names());
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
