package org.vae4j.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.vae4j.data.EmbeddedData;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.EngineSetup;
import org.vae4j.family.Families;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.model.VaeConfig;
import org.vae4j.model.VaeModel;
import org.vae4j.train.OptimizerKind;
import org.vae4j.train.TrainOptions;
import org.vae4j.train.TrainingResult;

/**
 * What the server refuses to protect itself and its user (issue #14, findings 13 to 15), against
 * a real server on 127.0.0.1: Host names other than the bound ones (DNS rebinding), JSON bodies
 * without a JSON Content-Type, local paths in {@code /api/model}, stack traces per vanished
 * client, and heavy requests beyond their limit. Raw sockets where java.net.http would not send
 * the request (a foreign Host header, a body cut short).
 */
@Timeout(120)
class GuardTest {

    @TempDir static Path tmp;

    private static VaeServer server;
    private static ImageSet images;
    private static HttpClient http;
    private static String dataPath;

    @BeforeAll
    static void start() throws IOException {
        EngineSetup.configure(2);
        images = EmbeddedData.fashionMnistTest().first(300);
        TrainOptions options = new TrainOptions(1, 64, 1e-3, OptimizerKind.ADAM, 0, 1, 5, 0);
        // An absolute path as the data source, like `vae4j train --data DIR` records.
        dataPath = tmp.resolve("secret-data").resolve("train-images-idx3-ubyte")
                .toAbsolutePath().toString();
        Path run = tmp.resolve("run");
        try (VaeModel model = VaeModel.create(
                VaeConfig.mlp(1, 28, 28).withHidden(List.of(32)).withLatentDim(4), 3)) {
            TrainingResult r = Families.trainer(model, options, null, null, null).fit(images, null);
            Provenance p = Provenance.now(options, dataPath, images.fingerprint(),
                    images.size(), 0, 1, r.last().seconds(), r.last());
            ModelStore.save(model, p, run.resolve("model"));
        }
        server = VaeServer.start(run, "127.0.0.1", 0);
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    // ---------------------------------------------------------------- 13: Host, type, paths

    @Test
    void foreignHostNamesAreRefusedWith421() throws Exception {
        for (String host : List.of("evil.example", "evil.example:" + server.port(),
                "127.0.0.1.evil.example", "localhost.evil.example:" + server.port())) {
            for (String[] req : List.of(new String[] {"GET", "/api/model"},
                    new String[] {"GET", "/"}, new String[] {"GET", "/app.js"},
                    new String[] {"GET", "/api/sample?n=1"})) {
                Raw r = raw(req[0], req[1], host, null, null);
                assertEquals(421, r.status, req[1] + " with Host " + host + ": " + r.body);
                assertJsonError(r, "\"" + host + "\"", "127.0.0.1", "localhost");
            }
            // The "simple" request a rebinding page can send without a preflight.
            Raw d = raw("POST", "/api/decode", host, "text/plain", "{\"z\": [0, 0, 0, 0]}");
            assertEquals(421, d.status, d.body);
            assertFalse(d.body.contains("images"), d.body);
        }
    }

    @Test
    void loopbackNamesWithOrWithoutThePortAreServed() throws Exception {
        int port = server.port();
        for (String host : List.of("127.0.0.1", "127.0.0.1:" + port, "localhost",
                "localhost:" + port, "LocalHost:" + port, "[::1]", "[::1]:" + port,
                "localhost:9999")) { // 9999: an ssh tunnel's local port
            Raw r = raw("GET", "/api/model", host, null, null);
            assertEquals(200, r.status, "Host " + host + ": " + r.body);
        }
    }

    @Test
    void theHostTheServerWasStartedWithIsServedAndAWildcardServesAddresses() {
        HostCheck named = new HostCheck("MyBox.lan");
        assertTrue(named.allows("mybox.lan:8080"));
        assertTrue(named.allows("localhost"));
        assertFalse(named.allows("192.168.1.5:8080"));
        assertFalse(named.allows("mybox.lan.evil.example"));
        assertFalse(named.allows("::1")); // IPv6 in Host must be bracketed
        assertTrue(new HostCheck("[::1]").allows("[::1]:8080"));
        HostCheck any = new HostCheck("0.0.0.0");
        assertTrue(any.allows("192.168.1.5:8080"));
        assertTrue(any.allows("[fe80::1]:8080"));
        assertFalse(any.allows("evil.example"), "a wildcard bind still refuses names");
        ApiError e = assertThrows(ApiError.class,
                () -> named.check("evil.example"));
        assertEquals(421, e.status());
        assertTrue(e.getMessage().contains("mybox.lan"), e.getMessage());
    }

    @Test
    void jsonBodiesNeedAJsonContentType() throws Exception {
        String z = "{\"z\": [0, 0, 0, 0]}";
        String pixels = "{\"pixels\": " + JsonIo.write(images.toRows(new int[] {0})) + "}";
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded")) {
            Raw d = raw("POST", "/api/decode", "127.0.0.1", type, z);
            assertEquals(415, d.status, d.body);
            assertJsonError(d, "\"" + type + "\"", "application/json");
            for (String path : List.of("/api/encode", "/api/score")) {
                Raw e = raw("POST", path, "127.0.0.1", type, pixels);
                assertEquals(415, e.status, path + ": " + e.body);
                assertJsonError(e, "\"" + type + "\"", "application/json", "multipart/form-data");
            }
        }
        Raw none = raw("POST", "/api/decode", "127.0.0.1", null, z);
        assertEquals(415, none.status, none.body);
        assertJsonError(none, "no Content-Type");
        // JSON with parameters is JSON.
        assertEquals(200, raw("POST", "/api/decode", "127.0.0.1",
                "application/json; charset=UTF-8", z).status);
        assertEquals(200, raw("POST", "/api/encode", "127.0.0.1", "Application/JSON", pixels)
                .status);
    }

    @Test
    void modelLeavesLocalPathsOutUnlessAsked() throws Exception {
        HttpResponse<String> plain = get("/api/model");
        assertEquals(200, plain.statusCode());
        assertFalse(plain.body().contains("secret-data"), plain.body());
        assertFalse(plain.body().contains(tmp.toString()), plain.body());
        HttpResponse<String> asked = get("/api/model?paths=1");
        assertEquals(200, asked.statusCode());
        JsonObject all = JsonParser.parseString(asked.body()).getAsJsonObject();
        JsonObject some = JsonParser.parseString(plain.body()).getAsJsonObject();
        assertEquals(dataPath, all.getAsJsonObject("provenance").get("data_source").getAsString());
        // Everything else is still there, unchanged.
        JsonObject expected = all.deepCopy();
        expected.getAsJsonObject("provenance").remove("data_source");
        assertEquals(expected, some);
        assertTrue(some.getAsJsonObject("provenance").has("java_version"), plain.body());
        assertEquals(200, get("/api/model?paths=0").statusCode());
        HttpResponse<String> bad = get("/api/model?paths=yes");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("paths must be"), bad.body());
    }

    // ---------------------------------------------------------------- 14: vanished clients

    @Test
    void abortLinesAreOneASecondAndCountTheOnesLeftOut() {
        long[] now = {0};
        List<String> lines = new ArrayList<>();
        ClientAborts aborts = new ClientAborts(() -> now[0], lines::add);
        Exception eof = new UncheckedIOException("cannot read the request body",
                new EofException("Early EOF"));
        for (int i = 0; i < 50; i++) { // 50 in half a second
            aborts.report("POST", "/api/decode", eof);
            now[0] += 10_000_000L;
        }
        assertEquals(List.of("client went away during POST /api/decode (EofException: Early EOF)"),
                lines);
        now[0] = 1_200_000_000L;
        aborts.report("POST", "/api/score", eof);
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).endsWith("; 49 more since the last such line"), lines.get(1));
        assertTrue(ClientAborts.isAbort(eof));
        assertFalse(ClientAborts.isAbort(new IllegalStateException("boom")));
    }

    @Test
    void clientsThatSendPartOfABodyAndVanishLogOneLineASecond() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (int i = 0; i < 21; i++) {
                abortMidBody(List.of("/api/decode", "/api/score", "/api/encode").get(i % 3));
            }
            waitFor(() -> lines(captured).size() > 0, 10_000);
            Thread.sleep(1200); // past the one-second window
            abortMidBody("/api/decode");
            waitFor(() -> lines(captured).size() > 1, 10_000);
            Thread.sleep(300); // nothing more should come
        } finally {
            System.setErr(original);
        }
        List<String> lines = lines(captured);
        String all = String.join("\n", lines);
        assertTrue(lines.size() <= 3, lines.size() + " lines for 22 vanished clients:\n"
                + all.substring(0, Math.min(all.length(), 4000)));
        for (String line : lines) {
            assertFalse(line.startsWith("\tat ") || line.startsWith("Caused by"), all);
        }
        assertTrue(lines.get(0).contains("/api/"), all);
        assertTrue(lines.get(lines.size() - 1).matches(".*\\b[1-9][0-9]* more\\b.*"), all);
        assertEquals(200, get("/api/model").statusCode());
    }

    // ---------------------------------------------------------------- 15: work in flight

    @Test
    void heavyRequestsBeyondTheirLimitAre503AndDecodesGoFirst() throws Exception {
        ModelWorker worker = server.worker();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Hold the model thread so the test decides what is waiting for it.
        Thread blocker = new Thread(() -> worker.callUntimed(m -> {
            running.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }));
        blocker.start();
        String heavyBody = "{\"pixels\": " + JsonIo.write(images.toRows(
                new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9})) + "}";
        List<CompletableFuture<HttpResponse<String>>> heavy = new ArrayList<>();
        List<AtomicLong> heavyDone = new ArrayList<>();
        AtomicLong decodeDone = new AtomicLong();
        CompletableFuture<HttpResponse<String>> decode;
        try {
            assertTrue(running.await(30, TimeUnit.SECONDS));
            for (int i = 0; i < Lane.HEAVY.limit(); i++) {
                AtomicLong done = new AtomicLong();
                heavyDone.add(done);
                heavy.add(postAsync("/api/score?L=1000&k=1000", heavyBody, done));
            }
            waitFor(() -> worker.queued() == Lane.HEAVY.limit(), 30_000);
            HttpResponse<String> refused = http.send(request("/api/score?L=1000&k=1000",
                    heavyBody, Duration.ofSeconds(5)), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, refused.statusCode(), refused.body());
            assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
            JsonObject o = JsonParser.parseString(refused.body()).getAsJsonObject();
            String m = o.get("error").getAsString();
            assertTrue(m.contains("busy") && m.contains(String.valueOf(Lane.HEAVY.limit())), m);
            // An interactive call is still admitted, and queued ahead of the heavy ones.
            decode = postAsync("/api/decode", "{\"z\": [0, 0, 0, 0]}", decodeDone);
            waitFor(() -> worker.queued() == Lane.HEAVY.limit() + 1, 30_000);
        } finally {
            release.countDown();
        }
        assertEquals(200, decode.get(60, TimeUnit.SECONDS).statusCode());
        for (int i = 0; i < heavy.size(); i++) {
            HttpResponse<String> r = heavy.get(i).get(60, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(decodeDone.get() < heavyDone.get(i).get(),
                    "the decode waited behind heavy request " + i);
        }
        blocker.join(10_000);
    }

    // ---------------------------------------------------------------- helpers

    private record Raw(int status, String headers, String body) {}

    /** One request over a fresh socket with exactly the given Host and Content-Type. */
    private static Raw raw(String method, String path, String host, String type, String body)
            throws IOException {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
        head.append("Host: ").append(host).append("\r\nConnection: close\r\n");
        if (type != null) {
            head.append("Content-Type: ").append(type).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(b.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
            out.flush();
            String text = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String headers = text.substring(0, split);
            String rest = text.substring(split + 4);
            if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                rest = dechunk(rest);
            }
            return new Raw(Integer.parseInt(headers.split(" ")[1]), headers, rest);
        }
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int eol = s.indexOf("\r\n", i);
            int n = Integer.parseInt(s.substring(i, eol).trim(), 16);
            if (n == 0) {
                return out.toString();
            }
            out.append(s, eol + 2, eol + 2 + n); // the test's bodies are ASCII
            i = eol + 2 + n + 2;
        }
    }

    /**
     * Announces a 100,000-byte body, sends 2,000 bytes of it and closes the connection: JSON, or
     * a multipart upload for /api/encode.
     */
    private static void abortMidBody(String path) throws IOException {
        boolean multipart = path.equals("/api/encode");
        String head = multipart
                ? "Content-Type: multipart/form-data; boundary=xyz\r\n"
                        + "Content-Length: 100000\r\n\r\n--xyz\r\nContent-Disposition:"
                        + " form-data; name=\"image\"; filename=\"a.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n"
                : "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
                        + "{\"pixels\": [";
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + head
                    + "0,".repeat(1000)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static void assertJsonError(Raw r, String... needles) {
        assertTrue(r.headers.toLowerCase(Locale.ROOT).contains("content-type: application/json"),
                r.headers);
        JsonElement e = JsonParser.parseString(r.body);
        String m = e.getAsJsonObject().get("error").getAsString();
        assertNotNull(m);
        assertFalse(m.contains("\n"), m);
        for (String n : needles) {
            assertTrue(m.contains(n), "'" + m + "' lacks '" + n + "'");
        }
    }

    private static List<String> lines(ByteArrayOutputStream captured) {
        List<String> out = new ArrayList<>();
        for (String l : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }

    private static void waitFor(BooleanSupplier condition, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("condition not met within " + millis + " ms");
            }
            Thread.sleep(20);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String path, String json, Duration timeout) {
        return HttpRequest.newBuilder(uri(path)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** Sends a JSON POST; {@code done} gets the nanoTime its response arrived. */
    private static CompletableFuture<HttpResponse<String>> postAsync(String path, String json,
            AtomicLong done) {
        return http.sendAsync(request(path, json, Duration.ofSeconds(60)),
                HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> done.set(
                        System.nanoTime()));
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
