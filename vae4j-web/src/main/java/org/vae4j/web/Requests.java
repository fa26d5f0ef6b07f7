package org.vae4j.web;

import com.google.gson.JsonObject;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.vae4j.model.ModelConfig;

/** Reads and validates request bodies and query parameters; every failure is an {@link ApiError}. */
final class Requests {

    /** Most codes or images per request. */
    static final int MAX_ROWS = 256;

    private Requests() {}

    /**
     * Reads the whole body, refusing more than 1 MiB even when the client sent no
     * Content-Length (chunked), so a body is never buffered beyond the limit.
     *
     * @param ctx the request
     * @return the body
     */
    static byte[] body(Context ctx) {
        if (ctx.req().getContentLengthLong() > ApiError.MAX_BODY) {
            throw ApiError.tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] b = in.readNBytes((int) ApiError.MAX_BODY + 1);
            if (b.length > ApiError.MAX_BODY) {
                throw ApiError.tooLarge();
            }
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }

    /**
     * Reads a body that must be one JSON object sent as {@code application/json}. The type is
     * required because {@code text/plain} and form posts are "simple" requests that any page
     * can send cross-site without a CORS preflight.
     *
     * @param ctx the request
     * @return the object
     * @throws ApiError 415 naming the Content-Type sent, 400 if the body is not a JSON object
     */
    static JsonObject json(Context ctx) {
        if (!"application/json".equals(mediaType(ctx))) {
            throw ApiError.unsupportedType("Content-Type must be application/json, got "
                    + sent(ctx));
        }
        return JsonIo.object(body(ctx));
    }

    /**
     * Reads the images of an encode or score request: a multipart upload (part {@code image}),
     * a raw {@code image/png} or {@code image/jpeg} body, or JSON {@code {"pixels": ...}}.
     *
     * @param ctx the request
     * @param c the model's configuration
     * @return {@code [N][D]} values in [0, 1]
     */
    static float[][] images(Context ctx, ModelConfig c) {
        String type = mediaType(ctx);
        if (type.equals("multipart/form-data")) {
            return new float[][] {ImageCodec.readImage(upload(ctx), c.channels(), c.height(),
                    c.width())};
        }
        if (type.startsWith("image/")) {
            return new float[][] {ImageCodec.readImage(body(ctx), c.channels(), c.height(),
                    c.width())};
        }
        if (!type.equals("application/json")) {
            throw ApiError.unsupportedType("Content-Type must be application/json,"
                    + " multipart/form-data, image/png or image/jpeg, got " + sent(ctx));
        }
        JsonObject o = JsonIo.object(body(ctx));
        if (!o.has("pixels")) {
            throw ApiError.badRequest("missing \"pixels\": send {\"pixels\": [...]} or a"
                    + " multipart/form-data upload with a part named \"image\"");
        }
        String shape = c.channels() + "x" + c.height() + "x" + c.width();
        float[][] rows = JsonIo.rows(o, "pixels", MAX_ROWS, c.inputSize(),
                "the model's images have " + c.inputSize() + " (" + shape + ")");
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < rows[i].length; j++) {
                if (rows[i][j] < 0f || rows[i][j] > 1f) {
                    throw ApiError.badRequest("pixels" + (rows.length > 1 ? "[" + i + "]" : "")
                            + "[" + j + "] is " + rows[i][j] + ", outside [0, 1]");
                }
            }
        }
        return rows;
    }

    /** The request's media type, lower case, without parameters; "" if none was sent. */
    private static String mediaType(Context ctx) {
        String t = ctx.contentType();
        if (t == null) {
            return "";
        }
        int semi = t.indexOf(';');
        return (semi < 0 ? t : t.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The Content-Type as sent, for messages. */
    private static String sent(Context ctx) {
        String t = ctx.contentType();
        return t == null || t.isBlank() ? "no Content-Type" : "\"" + t + "\"";
    }

    private static byte[] upload(Context ctx) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile("image");
        } catch (Exception e) {
            if (ClientAborts.isAbort(e)) {
                // Not a malformed body: the client went away; the server's handler logs it.
                throw new UncheckedIOException("cannot read the upload",
                        e instanceof IOException io ? io : new IOException(e));
            }
            // Jetty reports an oversized multipart body (no Content-Length) as an exception
            // saying the request "exceeds" its limit; anything else is a broken body.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t.getMessage() != null && t.getMessage().contains("exceeds")) {
                    throw ApiError.tooLarge();
                }
            }
            throw ApiError.badRequest("malformed multipart body: " + e.getMessage());
        }
        if (file == null) {
            throw ApiError.badRequest("the multipart body has no file part named \"image\"");
        }
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload", e);
        }
    }

    /**
     * Reads an integer query parameter.
     *
     * @param ctx the request
     * @param name the parameter
     * @param dflt value if absent
     * @param min smallest allowed
     * @param max largest allowed
     * @return the value
     */
    static int intParam(Context ctx, String name, int dflt, int min, int max) {
        String s = ctx.queryParam(name);
        if (s == null || s.isEmpty()) {
            return dflt;
        }
        int v;
        try {
            v = Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be an integer, got \"" + s + "\"");
        }
        if (v < min || v > max) {
            throw ApiError.badRequest(name + " must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    /**
     * Reads a long query parameter, or null if absent.
     *
     * @param ctx the request
     * @param name the parameter
     * @return the value or null
     */
    static Long longParam(Context ctx, String name) {
        String s = ctx.queryParam(name);
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be an integer, got \"" + s + "\"");
        }
    }
}
