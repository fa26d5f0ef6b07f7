package org.vae4j.viz;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Records as the report's tables show them: one row per component, keyed as in the JSON files. */
final class RecordRows {

    private RecordRows() {}

    /**
     * A record's components as table rows, keyed as in vae4j's JSON files (snake_case); nested
     * records are flattened ({@code final_metrics.val_kl}).
     */
    static Map<String, Object> rows(Record r, Set<String> skip) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", r, skip, out);
        return out;
    }

    private static void flatten(String prefix, Record r, Set<String> skip,
            Map<String, Object> out) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            String key = prefix + snake(c.getName());
            if (skip.contains(key)) {
                continue;
            }
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + key + " of "
                        + r.getClass().getSimpleName(), e);
            }
            if (v instanceof Record nested) {
                flatten(key + ".", nested, skip, out);
            } else if (v instanceof org.vae4j.model.Metrics m) {
                // As in metrics.json: train_neg_elbo, val_kl, ...
                String side = c.getName().equals("validation") ? "val" : snake(c.getName());
                for (var e : m.asMap().entrySet()) {
                    out.put(prefix + side + "_" + e.getKey(), number(e.getValue()));
                }
            } else if (v instanceof Enum<?> e) {
                out.put(key, e.name().toLowerCase(Locale.ROOT));
            } else if (v instanceof Double d) {
                out.put(key, number(d));
            } else {
                out.put(key, v);
            }
        }
    }

    /** A double as written (0.001, 1.0E-4), or to 6 significant digits if that is long. */
    static String number(double v) {
        String plain = Double.toString(v);
        if (plain.length() <= 10 || !Double.isFinite(v)) {
            return plain;
        }
        String g = String.format(Locale.ROOT, "%.6g", v);
        return g.contains("e") || !g.contains(".") ? g : g.replaceAll("0+$", "")
                .replaceAll("\\.$", ".0");
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
