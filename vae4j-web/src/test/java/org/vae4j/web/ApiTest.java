package org.vae4j.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.engine.Precision;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.io.SavedModel;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingResult;
import org.vae4j.family.Families;

/**
 * The JSON API against a real server (port 0) and a small model trained for one epoch on 600
 * embedded Fashion-MNIST images (784-64-4 MLP), its scatter of the embedded test set: every endpoint, every class of bad request, and
 * concurrent decoding. Results are checked against a second copy of the model used directly.
 */
class ApiTest {

    private static final int L = 4;
    private static final int D = 784;
    private static final VaeConfig CONFIG =
            VaeConfig.mlp(1, 28, 28).withHidden(List.of(64)).withLatentDim(L);

    @TempDir static Path tmp;

    private static Path run;
    private static VaeServer server;
    private static SavedModel reference;
    private static ImageSet images;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        EngineSetup.configure(2);
        images = EmbeddedData.fashionMnistTest().first(600);
        TrainOptions options = new TrainOptions(1, 64, 1e-3, OptimizerKind.ADAM, 0, 1, 17, 0);
        run = tmp.resolve("run");
        try (VaeModel model = VaeModel.create(CONFIG, 7)) {
            TrainingResult r = Families.trainer(model, options, null, null, null).fit(images, null);
            Provenance p = Provenance.now(options, images.source(), images.fingerprint(),
                    images.size(), 0, 1, r.last().seconds(), r.last());
            ModelStore.save(model, p, run.resolve("model"));
        }
        reference = ModelStore.load(run.resolve("model"));
        server = VaeServer.start(run, EmbeddedData.fashionMnistTest(), images, "127.0.0.1", 0);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (reference != null) {
            reference.close();
        }
    }

    // ---------------------------------------------------------------- endpoints

    @Test
    void modelDescribesConfigProvenanceAndShape() throws Exception {
        HttpResponse<String> r = get("/api/model");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").contains("application/json"));
        JsonObject o = parse(r.body()); // strict: NaN metrics must have become null
        assertEquals(L, o.get("latent_dim").getAsInt());
        JsonObject image = o.getAsJsonObject("image");
        assertEquals(1, image.get("channels").getAsInt());
        assertEquals(28, image.get("height").getAsInt());
        assertEquals(28, image.get("width").getAsInt());
        JsonObject config = o.getAsJsonObject("config");
        assertEquals(L, config.get("latent_dim").getAsInt());
        assertEquals(64, config.getAsJsonArray("hidden").get(0).getAsInt());
        assertEquals("MLP", config.get("architecture").getAsString());
        JsonObject prov = o.getAsJsonObject("provenance");
        assertEquals(1, prov.get("epochs").getAsInt());
        assertEquals(600, prov.get("train_images").getAsInt());
        assertTrue(prov.get("parameters_sha256").getAsString().matches("sha256:[0-9a-f]{64}"));
        assertTrue(prov.getAsJsonObject("final_metrics").get("val_neg_elbo").isJsonNull());
        assertTrue(o.get("parameter_count").getAsLong() > 50_000);
    }

    @Test
    void decodeOneCodeMatchesTheModel() throws Exception {
        float[] z = {0.5f, -1f, 0.25f, 2f};
        JsonObject o = ok(post("/api/decode", "{\"z\": [0.5, -1, 0.25, 2]}"));
        float[][] got = matrix(o.getAsJsonArray("images"));
        assertEquals(1, got.length);
        assertEquals(D, got[0].length);
        assertInUnitRange(got);
        assertArrayEquals(((VaeModel) reference.model()).decode(new float[][] {z})[0], got[0], 1e-5f);
        JsonArray png = o.getAsJsonArray("png");
        assertEquals(1, png.size());
        BufferedImage img = decodePng(png.get(0).getAsString());
        assertEquals(28, img.getWidth());
        assertEquals(28, img.getHeight());
        // The PNG shows the same pixels, quantised to bytes.
        for (int p = 0; p < D; p++) {
            assertEquals(Math.round(got[0][p] * 255f), img.getRaster().getSample(p % 28, p / 28, 0),
                    "pixel " + p);
        }
    }

    @Test
    void decodeBatchReturnsOneImagePerCode() throws Exception {
        String body = "{\"z\": [[0,0,0,0], [1,1,1,1], [-2,0,2,0]]}";
        JsonObject o = ok(post("/api/decode", body));
        float[][] got = matrix(o.getAsJsonArray("images"));
        assertEquals(3, got.length);
        assertInUnitRange(got);
        assertEquals(3, o.getAsJsonArray("png").size());
        for (JsonElement e : o.getAsJsonArray("png")) {
            BufferedImage img = decodePng(e.getAsString());
            assertEquals(28, img.getWidth());
            assertEquals(28, img.getHeight());
        }
        assertFalse(java.util.Arrays.equals(got[0], got[1]), "different codes, same image");
        float[][] want = ((VaeModel) reference.model()).decode(
                new float[][] {{0, 0, 0, 0}, {1, 1, 1, 1}, {-2, 0, 2, 0}});
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(want[i], got[i], 1e-5f);
        }
    }

    @Test
    void sampleIsDeterministicPerSeedAndDecodesItsCodes() throws Exception {
        JsonObject a = ok(get("/api/sample?n=5&seed=3"));
        JsonObject b = ok(get("/api/sample?n=5&seed=3"));
        JsonObject c = ok(get("/api/sample?n=5&seed=4"));
        float[][] z = matrix(a.getAsJsonArray("z"));
        float[][] im = matrix(a.getAsJsonArray("images"));
        assertEquals(5, z.length);
        assertEquals(L, z[0].length);
        assertEquals(5, im.length);
        assertEquals(D, im[0].length);
        assertEquals(5, a.getAsJsonArray("png").size());
        assertInUnitRange(im);
        assertEquals(a, b, "same seed, different answer");
        assertFalse(a.get("z").equals(c.get("z")), "different seeds, same codes");
        // The images are VaeModel.sample(n, seed) and decode(z).
        float[][] want = ((VaeModel) reference.model()).sample(5, 3);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(want[i], im[i], 1e-5f);
        }
        assertEquals(8, ok(get("/api/sample")).getAsJsonArray("images").size());
    }

    @Test
    void encodeJsonPixels() throws Exception {
        float[][] x = images.toRows(new int[] {0, 1, 2});
        JsonObject o = ok(post("/api/encode", pixelsJson(x)));
        float[][] mu = matrix(o.getAsJsonArray("mu"));
        float[][] logvar = matrix(o.getAsJsonArray("logvar"));
        float[][] rec = matrix(o.getAsJsonArray("reconstruction"));
        assertEquals(3, mu.length);
        assertEquals(L, mu[0].length);
        assertEquals(3, logvar.length);
        assertEquals(3, rec.length);
        assertEquals(D, rec[0].length);
        assertInUnitRange(rec);
        assertEquals(3, o.getAsJsonArray("reconstruction_png").size());
        assertEquals(3, o.getAsJsonArray("input_png").size());
        BufferedImage in = decodePng(o.getAsJsonArray("input_png").get(0).getAsString());
        assertEquals(28, in.getWidth());
        assertEquals(Math.round(x[0][100] * 255), in.getRaster().getSample(100 % 28, 100 / 28, 0));
        float[][] wantMu = ((VaeModel) reference.model()).encode(x).mu();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(wantMu[i], mu[i], 1e-5f);
        }
        // xy is the mean's position in the scatter's projection.
        JsonObject proj = ok(get("/api/scatter")).getAsJsonObject("projection");
        float[] mean = matrix(wrap(proj.getAsJsonArray("mean")))[0];
        float[][] axes = matrix(proj.getAsJsonArray("axes"));
        float[][] xy = matrix(o.getAsJsonArray("xy"));
        assertEquals(3, xy.length);
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 2; k++) {
                double dot = 0;
                for (int j = 0; j < L; j++) {
                    dot += (mu[i][j] - mean[j]) * axes[k][j];
                }
                assertEquals(dot, xy[i][k], 1e-4, "xy[" + i + "][" + k + "]");
            }
        }
    }

    @Test
    void encodeSingleRowOfPixels() throws Exception {
        float[][] x = images.toRows(new int[] {5});
        String body = pixelsJson(x).replaceFirst("\\[\\[", "[").replaceFirst("]]}$", "]}");
        JsonObject o = ok(post("/api/encode", body));
        assertEquals(1, o.getAsJsonArray("mu").size());
        assertEquals(2, o.getAsJsonArray("xy").get(0).getAsJsonArray().size());
    }

    @Test
    void encodeMultipartPngEqualsJsonPixels() throws Exception {
        float[][] x = images.toRows(new int[] {7});
        byte[] gray = png(grayImage(7, 28, 28));
        JsonObject up = ok(postMultipart("/api/encode", "image", "shoe.png", "image/png", gray));
        JsonObject js = ok(post("/api/encode", pixelsJson(x)));
        float[][] muUp = matrix(up.getAsJsonArray("mu"));
        float[][] muJs = matrix(js.getAsJsonArray("mu"));
        assertArrayEquals(muJs[0], muUp[0], 1e-6f);
        assertEquals(D, matrix(up.getAsJsonArray("reconstruction"))[0].length);
        assertEquals(1, up.getAsJsonArray("xy").size());
        assertEquals(2, up.getAsJsonArray("xy").get(0).getAsJsonArray().size());
        // The same picture as RGB is converted to the same gray levels.
        BufferedImage rgb = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < D; p++) {
            int v = images.pixel(7, p);
            rgb.setRGB(p % 28, p / 28, (v << 16) | (v << 8) | v);
        }
        JsonObject c = ok(postMultipart("/api/encode", "image", "shoe.png", "image/png",
                png(rgb)));
        assertArrayEquals(muJs[0], matrix(c.getAsJsonArray("mu"))[0], 1e-4f);
        // And as JPEG (lossy): still decodes and encodes.
        ByteArrayOutputStream jpg = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(rgb, "jpeg", jpg));
        ok(postMultipart("/api/encode", "image", "shoe.jpg", "image/jpeg", jpg.toByteArray()));
    }

    @Test
    void scoreReturnsFiniteValues() throws Exception {
        float[][] x = images.toRows(new int[] {0, 1});
        JsonObject o = ok(post("/api/score?L=5&k=20", pixelsJson(x)));
        for (String key : List.of("neg_elbo", "recon_log_prob", "log_likelihood", "complexity",
                "complexity_corrected", "latent_knn", "latent_mahalanobis")) {
            JsonArray a = o.getAsJsonArray(key);
            assertEquals(2, a.size(), key);
            for (JsonElement e : a) {
                assertTrue(e.isJsonPrimitive() && Double.isFinite(e.getAsDouble()), key + " " + e);
            }
        }
        assertTrue(o.getAsJsonArray("neg_elbo").get(0).getAsDouble() > 0);
        for (int i = 0; i < 2; i++) {
            assertEquals(-o.getAsJsonArray("log_likelihood").get(i).getAsDouble()
                    - o.getAsJsonArray("complexity").get(i).getAsDouble(),
                    o.getAsJsonArray("complexity_corrected").get(i).getAsDouble(), 1e-6);
            assertTrue(o.getAsJsonArray("latent_knn").get(i).getAsDouble() >= 0);
        }
        // The upload form with the default L and k.
        JsonObject u = ok(postMultipart("/api/score", "image", "a.png", "image/png",
                png(grayImage(0, 28, 28))));
        assertEquals(1, u.getAsJsonArray("neg_elbo").size());
        assertTrue(Double.isFinite(u.getAsJsonArray("log_likelihood").get(0).getAsDouble()));
    }

    @Test
    void aRunsBackgroundModelAddsTheLikelihoodRatio() throws Exception {
        // The run's own model as its background (RUN/background/model): the ratio of a model
        // against itself is exactly 0, which only holds if both passes draw the same noise.
        Path twin = tmp.resolve("twin");
        for (String dir : List.of("model", "background/model")) {
            Path to = twin.resolve(dir);
            Files.createDirectories(to);
            try (var files = Files.list(run.resolve("model"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, to.resolve(f.getFileName()));
                }
            }
        }
        try (VaeServer s = VaeServer.start(twin, "127.0.0.1", 0)) {
            JsonObject o = parse(postTo(s, "/api/score?L=2&k=5",
                    pixelsJson(images.toRows(new int[] {0, 1, 2}))).body());
            JsonArray ratio = o.getAsJsonArray("likelihood_ratio");
            assertEquals(3, ratio.size(), o::toString);
            for (JsonElement e : ratio) {
                assertEquals(0.0, e.getAsDouble(), 0.0, o::toString);
            }
        }
        // The default server's run has no background: no ratio.
        JsonObject plain = ok(post("/api/score?L=1&k=1", pixelsJson(images.toRows(1))));
        assertFalse(plain.has("likelihood_ratio"), plain::toString);
    }

    @Test
    void scatterHasLabelledPointsAndAnOrthonormalProjection() throws Exception {
        JsonObject o = ok(get("/api/scatter"));
        JsonArray points = o.getAsJsonArray("points");
        assertEquals(Scatter.POINTS, points.size());
        JsonObject b = o.getAsJsonObject("bounds");
        boolean[] seen = new boolean[10];
        for (JsonElement e : points) {
            JsonArray p = e.getAsJsonArray();
            assertEquals(3, p.size());
            double x = p.get(0).getAsDouble();
            double y = p.get(1).getAsDouble();
            assertTrue(x >= b.get("xmin").getAsDouble() && x <= b.get("xmax").getAsDouble());
            assertTrue(y >= b.get("ymin").getAsDouble() && y <= b.get("ymax").getAsDouble());
            assertEquals(p.get(2).getAsDouble(), p.get(2).getAsInt(), "label is an integer");
            seen[p.get(2).getAsInt()] = true;
        }
        for (boolean s : seen) {
            assertTrue(s, "every class appears");
        }
        JsonObject proj = o.getAsJsonObject("projection");
        assertEquals(L, proj.getAsJsonArray("mean").size());
        float[][] axes = matrix(proj.getAsJsonArray("axes"));
        assertEquals(2, axes.length);
        assertEquals(L, axes[0].length);
        assertEquals(L, axes[1].length);
        assertEquals(1, dot(axes[0], axes[0]), 1e-5);
        assertEquals(1, dot(axes[1], axes[1]), 1e-5);
        assertEquals(0, dot(axes[0], axes[1]), 1e-5);
        assertEquals(10, o.getAsJsonArray("classes").size());
    }

    @Test
    void theScatterIsOfTheImagesGivenAndNamesTheirClasses() throws Exception {
        // No images: no scatter, not 2,000 Fashion-MNIST means whatever the model was trained on.
        try (VaeServer none = VaeServer.start(run, "127.0.0.1", 0)) {
            JsonObject o = parse(getFrom(none, "/api/scatter").body());
            assertEquals(0, o.getAsJsonArray("points").size(), o::toString);
            assertFalse(o.has("classes"), o::toString);
            // Nor training codes: /api/score has no latent distances to give.
            JsonObject s = parse(postTo(none, "/api/score?L=1&k=1",
                    pixelsJson(images.toRows(new int[] {0}))).body());
            assertTrue(s.has("complexity_corrected") && !s.has("latent_knn"), s::toString);
        }
        // Labels without names (an IDX directory's digits): the label numbers name them.
        ImageSet digits = new ImageSet(images.pixelBytes(), images.size(), 1, 28, 28,
                images.labels(), "digits");
        try (VaeServer other = VaeServer.start(run, digits, "127.0.0.1", 0)) {
            JsonObject o = parse(getFrom(other, "/api/scatter").body());
            assertEquals(600, o.getAsJsonArray("points").size());
            assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                    strings(o.getAsJsonArray("classes")));
        }
        // No labels: points without a label, no classes.
        ImageSet unlabelled = new ImageSet(images.pixelBytes(), images.size(), 1, 28, 28, null,
                "flat");
        try (VaeServer other = VaeServer.start(run, unlabelled, "127.0.0.1", 0)) {
            JsonObject o = parse(getFrom(other, "/api/scatter").body());
            assertEquals(2, o.getAsJsonArray("points").get(0).getAsJsonArray().size());
            assertFalse(o.has("classes"), o::toString);
        }
        ImageSet rgb = new ImageSet(new byte[3 * 32 * 32], 1, 3, 32, 32, null, "rgb.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VaeServer.start(run, rgb, "127.0.0.1", 0));
        assertTrue(e.getMessage().contains("rgb.png") && e.getMessage().contains("3x32x32")
                && e.getMessage().contains("1x28x28"), e.getMessage());
    }

    @Test
    void thePageKnowsNoClassNamesOfItsOwn() throws Exception {
        // Class names come from /api/scatter only: a digits model once got Fashion-MNIST's.
        for (String file : List.of("state.js", "scatter.js", "pad.js", "app.js")) {
            String body = get("/" + file).body();
            assertFalse(body.contains("T-shirt") || body.contains("Ankle boot"), file);
        }
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static HttpResponse<String> getFrom(VaeServer s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.url() + path.substring(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postTo(VaeServer s, String path, String json)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.url() + path.substring(1)))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pageIsServedAtRoot() throws Exception {
        HttpResponse<String> r = get("/");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").contains("text/html"));
    }

    @Test
    void everyModuleThePageImportsIsServedAsJavaScript() throws Exception {
        // Browsers refuse to run a module script whose Content-Type is not a JavaScript type.
        Matcher entry = Pattern.compile("<script type=\"module\" src=\"([^\"]+)\"")
                .matcher(get("/").body());
        assertTrue(entry.find(), "index.html loads no module script");
        Pattern imports = Pattern.compile("^import .* from '\\./([^']+)';$", Pattern.MULTILINE);
        Deque<String> todo = new ArrayDeque<>(List.of(entry.group(1)));
        Set<String> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (!seen.add(name)) {
                continue;
            }
            HttpResponse<String> r = get("/" + name);
            assertEquals(200, r.statusCode(), "GET /" + name + ": " + r.body());
            String type = r.headers().firstValue("content-type").orElse("");
            assertTrue(type.contains("javascript"), "/" + name + " is served as '" + type + "'");
            for (Matcher m = imports.matcher(r.body()); m.find(); ) {
                todo.add(m.group(1));
            }
        }
        assertTrue(seen.size() > 5, "app.js should import the panel modules, found " + seen);
    }

    // ---------------------------------------------------------------- bad requests

    @Test
    void malformedJsonIs400() throws Exception {
        assertError(post("/api/decode", "{\"z\": [1, 2"), 400, "malformed JSON");
        assertError(post("/api/decode", "{\"z\": [1, 2, 3, 4]} trailing"), 400, "malformed JSON");
        assertError(post("/api/decode", ""), 400, "empty");
        assertError(post("/api/decode", "[1, 2, 3, 4]"), 400, "JSON object");
        assertError(post("/api/encode", "{pixels: [}"), 400, "malformed JSON");
    }

    @Test
    void wrongLatentLengthNamesBothNumbers() throws Exception {
        assertError(post("/api/decode", "{\"z\": [1, 2, 3]}"), 400,
                "z has 3 values, the model's latent space has 4");
        assertError(post("/api/decode", "{\"z\": [[1, 2, 3, 4], [1, 2, 3, 4, 5]]}"), 400,
                "z[1] has 5 values", "has 4");
    }

    @Test
    void missingOrNonNumericZIs400() throws Exception {
        assertError(post("/api/decode", "{\"z\": [\"a\", 1, 2, 3]}"), 400, "z[0]", "not a number");
        assertError(post("/api/decode", "{\"z\": [[1, 2, 3, 4], [1, null, 3, 4]]}"), 400,
                "z[1][1]");
        assertError(post("/api/decode", "{\"z\": [1, 2, 1e999, 4]}"), 400, "not a finite");
        assertError(post("/api/decode", "{\"zz\": [1, 2, 3, 4]}"), 400, "missing \"z\"");
        assertError(post("/api/decode", "{\"z\": \"0,0,0,0\"}"), 400, "z must be an array");
        assertError(post("/api/decode", "{\"z\": []}"), 400, "z is empty");
    }

    @Test
    void tooManyCodesIs400() throws Exception {
        StringBuilder sb = new StringBuilder("{\"z\": [");
        for (int i = 0; i < 257; i++) {
            sb.append(i == 0 ? "" : ",").append("[0,0,0,0]");
        }
        assertError(post("/api/decode", sb.append("]}").toString()), 400, "257", "256");
    }

    @Test
    void sampleCountOutOfRangeIs400() throws Exception {
        assertError(get("/api/sample?n=0"), 400, "n must be in [1, 256], got 0");
        assertError(get("/api/sample?n=1000"), 400, "got 1000");
        assertError(get("/api/sample?n=abc"), 400, "n must be an integer");
        assertError(get("/api/sample?n=2&seed=x"), 400, "seed must be an integer");
    }

    @Test
    void wrongImageSizeIs400() throws Exception {
        BufferedImage big = new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_GRAY);
        assertError(postMultipart("/api/encode", "image", "big.png", "image/png", png(big)), 400,
                "image is 32x32, the model expects 28x28");
        assertError(postMultipart("/api/score", "image", "big.png", "image/png", png(big)), 400,
                "32x32");
    }

    @Test
    void nonImageUploadIs400() throws Exception {
        byte[] text = "hello, not a picture".getBytes(StandardCharsets.UTF_8);
        assertError(postMultipart("/api/encode", "image", "a.png", "image/png", text), 400,
                "upload is not a PNG or JPEG image");
        byte[] truncated = java.util.Arrays.copyOf(png(grayImage(0, 28, 28)), 40);
        assertError(postMultipart("/api/encode", "image", "a.png", "image/png", truncated), 400,
                "not a PNG or JPEG");
        assertError(postMultipart("/api/encode", "file", "a.png", "image/png",
                png(grayImage(0, 28, 28))), 400, "\"image\"");
    }

    @Test
    void badPixelsAre400() throws Exception {
        assertError(post("/api/encode", "{\"pixels\": [0.5, 0.5]}"), 400,
                "pixels has 2 values", "784");
        float[][] x = images.toRows(new int[] {0});
        x[0][3] = 1.5f;
        assertError(post("/api/encode", pixelsJson(x)), 400, "outside [0, 1]");
        assertError(post("/api/encode", "{\"z\": [0, 0, 0, 0]}"), 400, "missing \"pixels\"");
    }

    @Test
    void badScoreParametersAre400() throws Exception {
        String body = pixelsJson(images.toRows(new int[] {0}));
        assertError(post("/api/score?k=0", body), 400, "k must be in [1, 5000]");
        assertError(post("/api/score?k=6000", body), 400, "got 6000");
        assertError(post("/api/score?L=-1", body), 400, "L must be in");
    }

    @Test
    void bodyOverOneMebibyteIs413() throws Exception {
        byte[] big = new byte[(1 << 20) + 100];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        assertError(http.send(HttpRequest.newBuilder(uri("/api/decode"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                HttpResponse.BodyHandlers.ofString()), 413, "larger than 1 MiB");
        assertError(postMultipart("/api/encode", "image", "huge.png", "image/png", big), 413,
                "larger than 1 MiB");
        // Without Content-Length (chunked), the limit still holds.
        HttpRequest chunked = HttpRequest.newBuilder(uri("/api/decode"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big))).build();
        assertError(http.send(chunked, HttpResponse.BodyHandlers.ofString()), 413,
                "larger than 1 MiB");
    }

    @Test
    void unknownPathIs404() throws Exception {
        assertError(get("/api/nope"), 404, "/api/nope");
        assertError(get("/no-such-file.js"), 404, "no-such-file");
        assertError(post("/api/model", "{}"), 404, "/api/model");
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentDecodesEqualSequentialOnes() throws Exception {
        int threads = 8;
        int perThread = 50;
        String[][] bodies = new String[threads][perThread];
        Random rng = new Random(11);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                bodies[t][i] = String.format(java.util.Locale.ROOT,
                        "{\"z\": [%.4f, %.4f, %.4f, %.4f]}", rng.nextGaussian(),
                        rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian());
            }
        }
        JsonElement[][] sequential = new JsonElement[threads][perThread];
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                sequential[t][i] = ok(post("/api/decode", bodies[t][i])).get("images");
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<JsonElement[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int tt = t;
                futures.add(pool.submit(() -> {
                    JsonElement[] out = new JsonElement[perThread];
                    for (int i = 0; i < perThread; i++) {
                        out[i] = ok(post("/api/decode", bodies[tt][i])).get("images");
                    }
                    return out;
                }));
            }
            for (int t = 0; t < threads; t++) {
                JsonElement[] got = futures.get(t).get();
                for (int i = 0; i < perThread; i++) {
                    assertEquals(sequential[t][i], got[i], "thread " + t + " request " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- start-up and the worker

    @Test
    void startRefusesMissingRunAndTakenPort() throws Exception {
        IOException missing = assertThrows(IOException.class,
                () -> VaeServer.start(tmp.resolve("nope"), "127.0.0.1", 0));
        assertTrue(missing.getMessage().contains("no such run directory"), missing.getMessage());
        IOException noModel = assertThrows(IOException.class,
                () -> VaeServer.start(tmp, "127.0.0.1", 0));
        assertTrue(noModel.getMessage().contains("no model/"), noModel.getMessage());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            BindException e = assertThrows(BindException.class,
                    () -> VaeServer.start(run.resolve("model"), "127.0.0.1", port));
            assertEquals("port " + port + " is in use", e.getMessage());
        }
        assertEquals(200, get("/api/model").statusCode());
        // A conditional model: the routes have no class input, so the server refuses it.
        Path cvae = tmp.resolve("cvae").resolve("model");
        try (VaeModel model = VaeModel.create(CONFIG.withClasses(10), 3)) {
            ModelStore.save(model, reference.provenance(), cvae);
        }
        IOException conditional = assertThrows(IOException.class,
                () -> VaeServer.start(cvae, "127.0.0.1", 0));
        assertTrue(conditional.getMessage().contains("is a conditional model"),
                conditional.getMessage());
    }

    @Test
    void modelDirectoryIsAcceptedToo() throws Exception {
        try (VaeServer other = VaeServer.start(run.resolve("model"), "127.0.0.1", 0)) {
            assertTrue(other.url().startsWith("http://127.0.0.1:"));
            assertTrue(other.url().endsWith("/"));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                    URI.create(other.url() + "api/model")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        }
    }

    @Test
    void workerRunsWithoutGradOnItsThreadAndSurvivesFailures() throws Exception {
        try (ModelWorker w = ModelWorker.open(run.resolve("model"), Duration.ofMillis(300),
                Precision.FP32)) {
            assertEquals(ModelWorker.THREAD_NAME, w.call(m -> Thread.currentThread().getName()));
            boolean grad = w.call(m -> JniUtils.isGradMode());
            assertFalse(grad, "grad mode is on on the model thread");
            IllegalStateException boom = assertThrows(IllegalStateException.class,
                    () -> w.call(m -> {
                        throw new IllegalStateException("boom");
                    }));
            assertEquals("boom", boom.getMessage());
            ApiError slow = assertThrows(ApiError.class, () -> w.call(m -> {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            }));
            assertEquals(503, slow.status());
            Thread.sleep(1000); // the slow call still holds the thread; let it finish
            assertEquals(L, (int) w.call(m -> m.config().latentDim()));
        }
    }

    // ---------------------------------------------------------------- projection maths

    @Test
    void pcaFindsTheDirectionsOfLargestVariance() {
        Random rng = new Random(5);
        float[][] codes = new float[500][3];
        for (float[] z : codes) {
            // Variance 9 along (1, 1, 0)/sqrt 2, 1 along z, 0.01 along (1, -1, 0)/sqrt 2.
            double a = 3 * rng.nextGaussian();
            double b = 0.1 * rng.nextGaussian();
            z[0] = (float) (10 + (a + b) / Math.sqrt(2));
            z[1] = (float) ((a - b) / Math.sqrt(2));
            z[2] = (float) rng.nextGaussian();
        }
        Projection p = Projection.pca(codes);
        assertEquals(10, p.mean()[0], 0.5);
        assertEquals(1 / Math.sqrt(2), Math.abs(p.axes()[0][0]), 0.01);
        assertEquals(1 / Math.sqrt(2), Math.abs(p.axes()[0][1]), 0.01);
        assertEquals(1, Math.abs(p.axes()[1][2]), 0.01);
        float[] z = p.code(1.5, -0.5);
        double[] xy = p.project(z);
        assertEquals(1.5, xy[0], 1e-5);
        assertEquals(-0.5, xy[1], 1e-5);
        Projection id = Projection.pca(new float[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new double[] {1, 0}, id.axes()[0]);
        assertArrayEquals(new double[] {0, 1}, id.axes()[1]);
    }

    // ---------------------------------------------------------------- helpers

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postMultipart(String path, String part, String filename,
            String type, byte[] content) throws Exception {
        String boundary = "----vae4jtest" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part
                + "\"; filename=\"" + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject ok(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), () -> "HTTP " + r.statusCode() + ": " + r.body());
        return parse(r.body());
    }

    /** Checks status, one-line JSON error with the given fragments, and that the server lives. */
    private static void assertError(HttpResponse<String> r, int status, String... needles)
            throws Exception {
        assertEquals(status, r.statusCode(), () -> r.request().uri() + ": " + r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").contains("application/json"),
                () -> "not JSON: " + r.headers().map());
        JsonObject o = parse(r.body());
        assertNotNull(o.get("error"), r.body());
        String message = o.get("error").getAsString();
        assertFalse(message.contains("\n"), "message is not one line: " + message);
        for (String n : needles) {
            assertTrue(message.contains(n), "'" + message + "' lacks '" + n + "'");
        }
        assertEquals(200, get("/api/model").statusCode(), "server stopped answering");
    }

    private static JsonObject parse(String json) {
        try {
            JsonReader reader = new JsonReader(new StringReader(json));
            reader.setStrictness(Strictness.STRICT);
            return JsonIo.GSON.getAdapter(JsonElement.class).read(reader).getAsJsonObject();
        } catch (IOException e) {
            throw new AssertionError("invalid JSON: " + e.getMessage() + ": " + json, e);
        }
    }

    private static float[][] matrix(JsonArray a) {
        float[][] m = new float[a.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonArray row = a.get(i).getAsJsonArray();
            m[i] = new float[row.size()];
            for (int j = 0; j < m[i].length; j++) {
                m[i][j] = row.get(j).getAsFloat();
            }
        }
        return m;
    }

    private static JsonArray wrap(JsonArray row) {
        JsonArray a = new JsonArray();
        a.add(row);
        return a;
    }

    private static void assertInUnitRange(float[][] m) {
        for (float[] row : m) {
            for (float v : row) {
                assertTrue(v >= 0f && v <= 1f, "pixel " + v + " outside [0, 1]");
            }
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static String pixelsJson(float[][] x) {
        return "{\"pixels\": " + JsonIo.write(x) + "}";
    }

    private static BufferedImage grayImage(int index, int h, int w) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < h * w; p++) {
            img.getRaster().setSample(p % w, p / w, 0, images.pixel(index, p));
        }
        return img;
    }

    private static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, "png", out));
        return out.toByteArray();
    }

    private static BufferedImage decodePng(String dataUrl) throws IOException {
        String prefix = "data:image/png;base64,";
        assertTrue(dataUrl.startsWith(prefix), dataUrl);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUrl.substring(prefix.length()))));
        assertNotNull(img, "not a PNG");
        return img;
    }
}
