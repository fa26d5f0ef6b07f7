package org.vae4j.io;

import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.vae4j.model.Metrics;
import org.vae4j.train.EpochMetrics;

/**
 * {@link EpochMetrics} in {@code metrics.json}, checkpoints and provenance: a flat object {@code
 * {"epoch": 1, "train_NAME": .., "val_NAME": .., "seconds": .., "images_per_second": ..,
 * "rss_mb": ..}}, which for a VAE is byte for byte the object these files always held, so every
 * older run reads back.
 */
final class EpochMetricsAdapter extends TypeAdapter<EpochMetrics> {

    /** Writes the numbers as the host Gson writes doubles (NaN, or null in the web's JSON). */
    private final TypeAdapter<Double> number;

    EpochMetricsAdapter(TypeAdapter<Double> number) {
        this.number = number;
    }

    /** Registers the adapter so it writes numbers with the Gson's own double adapter. */
    static final com.google.gson.TypeAdapterFactory FACTORY = new com.google.gson.TypeAdapterFactory() {
        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(com.google.gson.Gson gson,
                com.google.gson.reflect.TypeToken<T> type) {
            return type.getRawType() == EpochMetrics.class
                    ? (TypeAdapter<T>) new EpochMetricsAdapter(gson.getAdapter(Double.class))
                            .nullSafe()
                    : null;
        }
    };

    @Override
    public void write(JsonWriter out, EpochMetrics m) throws IOException {
        if (m == null) {
            out.nullValue();
            return;
        }
        out.beginObject();
        out.name("epoch").value(m.epoch());
        for (Map.Entry<String, Double> e : m.train().asMap().entrySet()) {
            out.name("train_" + e.getKey());
            number.write(out, e.getValue());
        }
        for (Map.Entry<String, Double> e : m.validation().asMap().entrySet()) {
            out.name("val_" + e.getKey());
            number.write(out, e.getValue());
        }
        out.name("seconds");
        number.write(out, m.seconds());
        out.name("images_per_second");
        number.write(out, m.imagesPerSecond());
        out.name("rss_mb");
        number.write(out, m.rssMb());
        out.endObject();
    }

    @Override
    public EpochMetrics read(JsonReader in) throws IOException {
        if (in.peek() == JsonToken.NULL) {
            in.nextNull();
            return null;
        }
        int epoch = 0;
        double seconds = 0;
        double ips = 0;
        double rss = -1;
        Map<String, Double> train = new LinkedHashMap<>();
        Map<String, Double> val = new LinkedHashMap<>();
        in.beginObject();
        while (in.hasNext()) {
            String key = in.nextName();
            switch (key) {
                case "epoch" -> epoch = in.nextInt();
                case "seconds" -> seconds = in.nextDouble();
                case "images_per_second" -> ips = in.nextDouble();
                case "rss_mb" -> rss = in.nextDouble();
                default -> {
                    if (key.startsWith("train_")) {
                        train.put(key.substring("train_".length()), nextNumber(in));
                    } else if (key.startsWith("val_")) {
                        val.put(key.substring("val_".length()), nextNumber(in));
                    } else {
                        in.skipValue();
                    }
                }
            }
        }
        in.endObject();
        return new EpochMetrics(epoch, Metrics.of(train), Metrics.of(val), seconds, ips, rss);
    }

    /** A number, or NaN where a writer that cannot write NaN wrote null. */
    private static double nextNumber(JsonReader in) throws IOException {
        if (in.peek() == JsonToken.NULL) {
            in.nextNull();
            return Double.NaN;
        }
        return in.nextDouble();
    }
}
