package org.vae4j.web;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.vae4j.util.Messages;

/**
 * JSON in and out of the API. Responses use snake_case keys like vae4j's files, but are compact
 * and write NaN and infinities as {@code null}, because browsers' {@code JSON.parse} rejects
 * the {@code NaN} literal that vae4j's files allow. Requests are parsed strictly, with messages
 * that name the offending element.
 */
final class JsonIo {

    /** Shared, thread-safe. */
    static final Gson GSON;

    static {
        TypeAdapter<Number> finiteOrNull = new TypeAdapter<>() {
            @Override
            public void write(JsonWriter out, Number v) throws IOException {
                if (v == null || !Double.isFinite(v.doubleValue())) {
                    out.nullValue();
                } else if (v instanceof Float f) {
                    out.value(f.floatValue()); // shortest float text: "0.1", not "0.10000000149"
                } else {
                    out.value(v);
                }
            }

            @Override
            public Number read(JsonReader in) {
                throw new UnsupportedOperationException("responses are only written");
            }
        };
        GSON = org.vae4j.io.Json.withAdapters(new GsonBuilder())
                .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
                .disableHtmlEscaping()
                .serializeNulls() // keep keys whose value is NaN: {"val_kl": null}
                .registerTypeAdapter(double.class, finiteOrNull)
                .registerTypeAdapter(Double.class, finiteOrNull)
                .registerTypeAdapter(float.class, finiteOrNull)
                .registerTypeAdapter(Float.class, finiteOrNull)
                .create();
    }

    private JsonIo() {}

    /**
     * Serialises a response value.
     *
     * @param value maps, lists, arrays, records
     * @return compact JSON
     */
    static String write(Object value) {
        return GSON.toJson(value);
    }

    /**
     * Parses a request body that must be one JSON object.
     *
     * @param body the raw body
     * @return the object
     * @throws ApiError 400 if the body is empty, malformed, or not an object
     */
    static JsonObject object(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw ApiError.badRequest("request body is empty; expected a JSON object");
        }
        JsonElement e;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            e = GSON.getAdapter(JsonElement.class).read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new IOException("unexpected text after the JSON value");
            }
        } catch (IOException | RuntimeException ex) {
            throw ApiError.badRequest("malformed JSON: " + innermost(ex));
        }
        if (e == null || !e.isJsonObject()) {
            throw ApiError.badRequest("expected a JSON object, got " + kind(e));
        }
        return e.getAsJsonObject();
    }

    /**
     * Reads {@code key} as one row ({@code [v, ...]}) or a batch of rows
     * ({@code [[v, ...], ...]}) of finite numbers, each exactly {@code width} long.
     *
     * @param o the request object
     * @param key the member, e.g. {@code "z"}
     * @param maxRows most rows accepted
     * @param width required row length
     * @param widthText completes "z has 3 values, " e.g. "the model's latent space has 20"
     * @return {@code [rows][width]}
     * @throws ApiError 400 naming the member and element at fault
     */
    static float[][] rows(JsonObject o, String key, int maxRows, int width, String widthText) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw ApiError.badRequest("missing \"" + key + "\"");
        }
        if (!e.isJsonArray()) {
            throw ApiError.badRequest(key + " must be an array of numbers or of arrays, got "
                    + kind(e));
        }
        JsonArray a = e.getAsJsonArray();
        if (a.isEmpty()) {
            throw ApiError.badRequest(key + " is empty");
        }
        if (!a.get(0).isJsonArray()) {
            return new float[][] {row(a, key, width, widthText)};
        }
        if (a.size() > maxRows) {
            throw ApiError.badRequest(key + " has " + a.size() + " rows, at most " + maxRows
                    + " are allowed per request");
        }
        float[][] out = new float[a.size()][];
        for (int i = 0; i < out.length; i++) {
            JsonElement r = a.get(i);
            String label = key + "[" + i + "]";
            if (!r.isJsonArray()) {
                throw ApiError.badRequest(label + " must be an array of numbers, got " + kind(r));
            }
            out[i] = row(r.getAsJsonArray(), label, width, widthText);
        }
        return out;
    }

    private static float[] row(JsonArray a, String label, int width, String widthText) {
        float[] v = new float[a.size()];
        for (int j = 0; j < v.length; j++) {
            JsonElement x = a.get(j);
            if (!(x instanceof JsonPrimitive p) || !p.isNumber()) {
                throw ApiError.badRequest(label + "[" + j + "] is not a number: " + x);
            }
            v[j] = (float) p.getAsDouble();
            if (!Float.isFinite(v[j])) {
                throw ApiError.badRequest(label + "[" + j + "] is not a finite float: " + x);
            }
        }
        if (v.length != width) {
            throw ApiError.badRequest(label + " has " + v.length + " values, " + widthText);
        }
        return v;
    }

    private static String kind(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isNumber() ? "a number" : p.isBoolean() ? "a boolean" : "a string";
    }

    private static String innermost(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null) {
            return t.getClass().getSimpleName();
        }
        // Gson appends a multi-line troubleshooting link: keep the first line.
        return Messages.firstLine(m);
    }
}
