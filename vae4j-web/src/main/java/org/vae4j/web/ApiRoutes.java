package org.vae4j.web;

import com.google.gson.JsonObject;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.vae4j.data.ImageSet;
import org.vae4j.eval.AnomalyScorer;
import org.vae4j.eval.AnomalyScores;
import org.vae4j.eval.LatentReference;
import org.vae4j.model.Encoding;
import org.vae4j.model.ModelConfig;

/**
 * The JSON endpoints. Handlers run on Jetty's threads: they parse and validate there, hand only
 * the model call to the {@link ModelWorker}, and encode PNGs back on their own thread so the
 * model thread does nothing but model work.
 */
final class ApiRoutes {

    /** Largest k (and L) of /api/score. */
    static final int MAX_SAMPLES = 5000;

    /**
     * Largest images × max(L, k) of one /api/score request. The model thread runs one call at a
     * time, so an interactive decode can wait behind one whole score: at 200,000 (the old bound)
     * that was 2.3 s for the 784-400-20 MLP on a 2-core AMD EPYC (decode p50 2.5 s under eight
     * heavy clients, bench/serve-load.sh --heavy 8); a quarter of that keeps the wait near half a
     * second. Larger jobs split into several requests, or use {@code vae4j score}.
     */
    static final long MAX_SCORE_WORK = 50_000;

    /** k of /api/score's latent k-NN distance (as {@code vae4j score}'s default). */
    static final int KNN = 5;

    private final ModelWorker worker;
    private final LatentReference reference; // null: no latent distances
    private final ModelWorker background; // null: no likelihood ratio
    private final Admission admission = new Admission();
    private final ModelConfig config;
    private final Projection projection;
    private final String modelJson;
    private final String modelJsonWithPaths;
    private final String scatterJson;

    ApiRoutes(ModelWorker worker, Scatter scatter, LatentReference reference,
            ModelWorker background, long parameterCount) {
        this.worker = worker;
        this.reference = reference;
        this.background = background;
        this.config = worker.config();
        this.projection = scatter.projection();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("config", config);
        m.put("provenance", worker.provenance());
        m.put("latent_dim", config.latentDim());
        m.put("image", Map.of("channels", config.channels(), "height", config.height(),
                "width", config.width()));
        m.put("parameter_count", parameterCount);
        // The answers never change: serialise once. The data source is usually an absolute
        // path on this machine, which a page need not see: /api/model?paths=1 adds it.
        JsonObject full = JsonIo.GSON.toJsonTree(m).getAsJsonObject();
        this.modelJsonWithPaths = JsonIo.write(full);
        if (full.get("provenance") instanceof JsonObject p) {
            p.remove("data_source");
        }
        this.modelJson = JsonIo.write(full);
        this.scatterJson = JsonIo.write(scatter.toJson());
    }

    /** Registers every endpoint under /api. */
    void register(Javalin app) {
        app.get("/api/model", ctx -> send(ctx, 200,
                Requests.intParam(ctx, "paths", 0, 0, 1) == 1 ? modelJsonWithPaths : modelJson));
        app.get("/api/scatter", ctx -> send(ctx, 200, scatterJson));
        app.post("/api/decode", admitted(Lane.INTERACTIVE, this::decode));
        app.get("/api/sample", admitted(Lane.INTERACTIVE, this::sample));
        app.post("/api/encode", admitted(Lane.HEAVY, this::encode));
        app.post("/api/score", admitted(Lane.HEAVY, this::score));
    }

    /**
     * Holds a place in the lane from before the body is read until the answer is made, so the
     * parsed bodies in memory and the model's queue stay bounded (see {@link Admission}).
     */
    private Handler admitted(Lane lane, Handler handler) {
        return ctx -> {
            try (Admission.Permit p = admission.enter(lane)) {
                handler.handle(ctx);
            }
        };
    }

    private void decode(Context ctx) {
        JsonObject o = Requests.json(ctx);
        float[][] z = JsonIo.rows(o, "z", Requests.MAX_ROWS, config.latentDim(),
                "the model's latent space has " + config.latentDim());
        float[][] images = worker.call(m -> m.decode(z));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("images", images);
        r.put("png", pngs(images));
        send(ctx, 200, JsonIo.write(r));
    }

    private void sample(Context ctx) {
        int n = Requests.intParam(ctx, "n", 8, 1, Requests.MAX_ROWS);
        Long given = Requests.longParam(ctx, "seed");
        long seed = given != null ? given : ThreadLocalRandom.current().nextLong(1L << 31);
        // The same draws as sample(n, seed) decodes (the model's own prior), made here so the
        // codes can be returned.
        float[][] z = worker.call(m -> m.priorSample(n, seed));
        float[][] images = worker.call(m -> m.decode(z));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seed", seed);
        r.put("z", z);
        r.put("images", images);
        r.put("png", pngs(images));
        send(ctx, 200, JsonIo.write(r));
    }

    private record Encoded(Encoding encoding, float[][] reconstruction) {}

    private void encode(Context ctx) {
        float[][] x = Requests.images(ctx, config);
        Encoded e = worker.call(Lane.HEAVY, m -> {
            Encoding enc = m.encode(x);
            return new Encoded(enc, m.decode(enc.mu()));
        });
        List<double[]> xy = new ArrayList<>();
        for (float[] mu : e.encoding().mu()) {
            xy.add(projection.project(mu));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mu", e.encoding().mu());
        r.put("logvar", e.encoding().logvar());
        r.put("reconstruction", e.reconstruction());
        r.put("reconstruction_png", pngs(e.reconstruction()));
        r.put("input_png", pngs(x));
        r.put("xy", xy);
        send(ctx, 200, JsonIo.write(r));
    }

    private void score(Context ctx) {
        int samples = Requests.intParam(ctx, "L", 10, 1, MAX_SAMPLES);
        int k = Requests.intParam(ctx, "k", 100, 1, MAX_SAMPLES);
        Long given = Requests.longParam(ctx, "seed");
        long seed = given != null ? given : 1L;
        float[][] x = Requests.images(ctx, config);
        long work = (long) x.length * Math.max(samples, k);
        if (work > MAX_SCORE_WORK) {
            throw ApiError.badRequest(x.length + " images x " + Math.max(samples, k)
                    + " samples is too much work for one request (images x max(L, k) <= "
                    + MAX_SCORE_WORK + ")");
        }
        ImageSet set = toImageSet(x);
        AnomalyScorer.Options options =
                new AnomalyScorer.Options(samples, k, Math.min(100, x.length), seed);
        AnomalyScores s = worker.call(Lane.HEAVY, m -> {
            AnomalyScores a = AnomalyScorer.score(m, set, options);
            if (reference == null) {
                return a;
            }
            float[][] codes = LatentReference.codes(m, set);
            return a.withLatent(reference.knnDistance(m.manager(), codes, false),
                    reference.hasMahalanobis() ? reference.mahalanobis(codes) : null);
        });
        if (background != null) {
            // Same seed, same images: a model against itself gives exactly 0.
            double[] complexity = s.complexity();
            s = s.withBackground(background.call(Lane.HEAVY,
                    m -> AnomalyScorer.score(m, set, options, complexity).logLikelihood()));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("neg_elbo", s.negElbo());
        r.put("recon_log_prob", s.reconstructionLogProb());
        r.put("log_likelihood", s.logLikelihood());
        r.put("complexity", s.complexity());
        r.put("complexity_corrected", s.anomaly(AnomalyScores.Kind.COMPLEXITY_CORRECTED));
        if (s.has(AnomalyScores.Kind.LIKELIHOOD_RATIO)) {
            r.put("background_log_likelihood", s.backgroundLogLikelihood());
            r.put("likelihood_ratio", s.anomaly(AnomalyScores.Kind.LIKELIHOOD_RATIO));
        }
        if (s.has(AnomalyScores.Kind.LATENT_KNN)) {
            r.put("latent_knn", s.latentKnn());
        }
        if (s.has(AnomalyScores.Kind.LATENT_MAHALANOBIS)) {
            r.put("latent_mahalanobis", s.latentMahalanobis());
        }
        send(ctx, 200, JsonIo.write(r));
    }

    /** The scorer takes an ImageSet of bytes: pixels are quantised to the nearest 1/255. */
    private ImageSet toImageSet(float[][] x) {
        int d = config.inputSize();
        byte[] bytes = new byte[x.length * d];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < d; j++) {
                bytes[i * d + j] = (byte) Math.round(x[i][j] * 255f);
            }
        }
        return new ImageSet(bytes, x.length, config.channels(), config.height(), config.width(),
                null, "request");
    }

    private List<String> pngs(float[][] images) {
        List<String> out = new ArrayList<>(images.length);
        for (float[] im : images) {
            out.add(ImageCodec.pngDataUrl(im, config.channels(), config.height(),
                    config.width()));
        }
        return out;
    }

    /** Writes a JSON body. */
    static void send(Context ctx, int status, String json) {
        ctx.status(status);
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(json);
    }

    /** Writes {@code {"error": message}}. */
    static void error(Context ctx, int status, String message) {
        send(ctx, status, JsonIo.write(Map.of("error", message == null ? "error" : message)));
    }
}
