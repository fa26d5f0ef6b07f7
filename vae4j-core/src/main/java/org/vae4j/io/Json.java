package org.vae4j.io;

import org.vae4j.util.Messages;
import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.vae4j.model.ModelConfig;

/**
 * The JSON conventions of vae4j's files: snake_case keys, NaN allowed, pretty printed; model
 * configurations tagged with their family.
 */
public final class Json {

    /** Doubles as JSON numbers, a non-finite one as null; null reads as NaN. */
    private static final com.google.gson.TypeAdapter<Double> FINITE_OR_NULL =
            new com.google.gson.TypeAdapter<>() {
                @Override
                public void write(com.google.gson.stream.JsonWriter out, Double v)
                        throws IOException {
                    if (v == null || !Double.isFinite(v)) {
                        // serializeNulls is off: force the null so the key stays.
                        boolean keep = out.getSerializeNulls();
                        out.setSerializeNulls(true);
                        out.nullValue();
                        out.setSerializeNulls(keep);
                    } else {
                        out.value(v);
                    }
                }

                @Override
                public Double read(com.google.gson.stream.JsonReader in) throws IOException {
                    if (in.peek() == com.google.gson.stream.JsonToken.NULL) {
                        in.nextNull();
                        return Double.NaN;
                    }
                    return in.nextDouble();
                }
            };

    /** The shared, thread-safe Gson instance. */
    public static final Gson GSON =
            new GsonBuilder()
                    .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
                    // NaN and infinities are not JSON: they are written as null and read back
                    // as NaN (files written before, with bare NaN, still read).
                    .registerTypeAdapter(double.class, FINITE_OR_NULL)
                    .registerTypeAdapter(Double.class, FINITE_OR_NULL)
                    .setPrettyPrinting()
                    .disableHtmlEscaping()
                    // A configuration names its family; epoch metrics are flat train_/val_ keys.
                    .registerTypeAdapter(ModelConfig.class, new ModelConfigAdapter())
                    .registerTypeAdapterFactory(EpochMetricsAdapter.FACTORY)
                    .create();

    /**
     * Adds vae4j's type adapters (a configuration tagged with its family, flat epoch metrics) to
     * another Gson, e.g. the web API's, so it writes these types as the files do.
     *
     * @param b the builder
     * @return {@code b}
     */
    public static GsonBuilder withAdapters(GsonBuilder b) {
        return b.registerTypeAdapter(ModelConfig.class, new ModelConfigAdapter())
                .registerTypeAdapterFactory(EpochMetricsAdapter.FACTORY);
    }

    private Json() {}

    /**
     * Serialises a value.
     *
     * @param value a record or other Gson-friendly value
     * @return pretty-printed JSON
     */
    public static String toJson(Object value) {
        return GSON.toJson(value);
    }

    /**
     * Reads and parses a JSON file.
     *
     * @param file the file
     * @param type the target type
     * @param <T> the target type
     * @return the value
     * @throws IOException with a one-line message naming the file if it is missing or invalid
     */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        } catch (IOException e) {
            throw new IOException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            T value = GSON.fromJson(text, type);
            if (value == null) {
                throw new IOException(file + ": empty JSON file");
            }
            return value;
        } catch (RuntimeException e) {
            // Gson wraps the parser's exception (and a record constructor's validation error)
            // and uses its toString() as message: show the innermost message, which says what
            // and where ("Expected ':' at line 1 column 8", "latentDim must be > 0, got 0").
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IOException(file + ": invalid " + type.getSimpleName() + " JSON: "
                    + firstLine(cause.getMessage()));
        }
    }

    private static String firstLine(String s) {
        return s == null ? "unknown error" : Messages.firstLine(s);
    }
}
