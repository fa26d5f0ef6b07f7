package org.vae4j.web;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vae4j.data.ImageSet;
import org.vae4j.engine.Precision;
import org.vae4j.eval.AnomalyScorer;
import org.vae4j.eval.LatentReference;
import org.vae4j.io.RunModels;
import org.vae4j.util.Messages;
import org.vae4j.io.RunDirectory;

/**
 * The latent-space explorer: a static page at {@code /} and a JSON API under {@code /api} for
 * one trained model. All model work runs on one thread (see {@link ModelWorker}); bad input gets
 * a 4xx with {@code {"error": "..."}}, and an unexpected failure a 500 with a message, after
 * which the server keeps serving. It answers only to the loopback names and the host it was
 * started with (a 421 otherwise, against DNS rebinding), takes JSON bodies only as {@code
 * application/json} (a 415 otherwise), leaves local paths out of {@code /api/model} unless
 * asked with {@code ?paths=1}, and bounds the requests in progress, heavy and interactive ones
 * apart (a 503 with {@code Retry-After} beyond).
 *
 * <pre>{@code
 * ImageSet images = EmbeddedData.fashionMnistTest(); // the scatter's; null for none
 * try (VaeServer server = VaeServer.start(Path.of("runs/fashion"), images, "127.0.0.1", 0)) {
 *     System.out.println(server.url());
 * }
 * }</pre>
 */
public final class VaeServer implements AutoCloseable {

    /** How long a request waits for the model before a 503. */
    public static final Duration MODEL_TIMEOUT = Duration.ofSeconds(30);

    /** Classpath directory of the page. */
    static final String STATIC_DIR = "/org/vae4j/web/static";

    private static final Logger LOG = LoggerFactory.getLogger(VaeServer.class);

    private final Javalin app;
    private final ModelWorker worker;
    private final ModelWorker background; // null: no likelihood ratio
    private final String host;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VaeServer(Javalin app, ModelWorker worker, ModelWorker background, String host) {
        this.app = app;
        this.worker = worker;
        this.background = background;
        this.host = host;
    }

    /**
     * Loads the model and starts listening, without reference images: the pad shows latent
     * dims 0 and 1 and no scatter.
     *
     * @param runOrModelDir a training run directory, or the model directory inside one
     * @param host the interface to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, or 0 for any free port
     * @return the running server (close it)
     * @throws IOException with a one-line message if the model cannot be loaded, or a {@link
     *     BindException} "port 8080 is in use" if the port is taken
     */
    public static VaeServer start(Path runOrModelDir, String host, int port) throws IOException {
        return start(runOrModelDir, null, host, port);
    }

    /**
     * Loads the model, computes the scatter of {@code scatterImages} and starts listening. The
     * caller picks the images (the CLI passes the run's own held-out data): the server does not
     * guess, as it once did with Fashion-MNIST for any 1x28x28 model.
     *
     * @param runOrModelDir a training run directory, or the model directory inside one
     * @param scatterImages the images whose latent means the pad shows (at most 2,000 of them,
     *     spread over their classes; their labels and class names colour and name the points),
     *     shaped like the model's input; or null for no scatter
     * @param host the interface to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, or 0 for any free port
     * @return the running server (close it)
     * @throws IOException with a one-line message if the model cannot be loaded, or a {@link
     *     BindException} "port 8080 is in use" if the port is taken
     * @throws IllegalArgumentException if the images do not have the model's shape
     */
    public static VaeServer start(Path runOrModelDir, ImageSet scatterImages, String host,
            int port) throws IOException {
        return start(runOrModelDir, scatterImages, null, host, port);
    }

    /**
     * As {@link #start(Path, ImageSet, String, int)}, and with the images the model trained on,
     * whose codes {@code /api/score}'s latent k-NN and Mahalanobis distances measure against
     * (encoded once, at start-up).
     *
     * @param runOrModelDir a training run directory, or the model directory inside one
     * @param scatterImages the scatter's images, or null
     * @param trainingImages the model's training images, or null for no latent distances
     * @param host the interface to listen on
     * @param port the port, or 0 for any free port
     * @return the running server (close it)
     * @throws IOException with a one-line message if the model cannot be loaded or the port is
     *     taken
     */
    public static VaeServer start(Path runOrModelDir, ImageSet scatterImages,
            ImageSet trainingImages, String host, int port) throws IOException {
        return start(runOrModelDir, scatterImages, trainingImages, host, port, Precision.FP32);
    }

    /**
     * As {@link #start(Path, ImageSet, ImageSet, String, int)}, with the model (and its
     * background model) computing in a chosen precision.
     *
     * @param runOrModelDir a training run directory, or the model directory inside one
     * @param scatterImages the scatter's images, or null
     * @param trainingImages the model's training images, or null for no latent distances
     * @param host the interface to listen on
     * @param port the port, or 0 for any free port
     * @param precision the layers' number format ({@link Precision#AUTO} resolved here)
     * @return the running server (close it)
     * @throws IOException with a one-line message if the model cannot be loaded or the port is
     *     taken
     */
    public static VaeServer start(Path runOrModelDir, ImageSet scatterImages,
            ImageSet trainingImages, String host, int port, Precision precision)
            throws IOException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        Path modelDir = modelDir(runOrModelDir);
        ModelWorker worker = ModelWorker.open(modelDir, MODEL_TIMEOUT, precision);
        ModelWorker background = null;
        Javalin app = null;
        try {
            background = openBackground(modelDir, worker, precision);
            if (worker.callUntimed(m -> m.config().conditional())) {
                // The explorer's sample/decode/encode routes have no class input yet.
                throw new IOException(runOrModelDir + ": is a conditional model; the explorer"
                        + " serves unconditional models only (use vae4j sample --label)");
            }
            Scatter.checkShape(worker.config(), scatterImages);
            Scatter scatter = worker.callUntimed(m -> Scatter.compute(m, scatterImages));
            long parameters = worker.callUntimed(m -> m.parameterCount());
            LatentReference reference = null;
            if (trainingImages != null && trainingImages.size() > ApiRoutes.KNN) {
                Scatter.checkShape(worker.config(), trainingImages);
                reference = worker.callUntimed(m -> LatentReference.fit(
                        LatentReference.codes(m, trainingImages), ApiRoutes.KNN));
            }
            app = create(new HostCheck(host));
            new ApiRoutes(worker, scatter, reference, background, parameters).register(app);
            listen(app, host, port);
            return new VaeServer(app, worker, background, host);
        } catch (IOException | RuntimeException | Error e) {
            if (app != null) {
                app.stop();
            }
            worker.close();
            if (background != null) {
                background.close();
            }
            throw e;
        }
    }

    /**
     * The run's background model ({@code RUN/background/model}, from {@code train
     * --background-of}), whose likelihood {@code /api/score} divides by; null when the run has
     * none. It must be a model of the same family and input shape.
     */
    private static ModelWorker openBackground(Path modelDir, ModelWorker worker,
            Precision precision) throws IOException {
        Path run = modelDir.toAbsolutePath().getParent();
        Path dir = run == null ? null : run.resolve(RunModels.BACKGROUND).resolve("model");
        if (dir == null || !Files.isRegularFile(dir.resolve("config.json"))) {
            return null;
        }
        ModelWorker bg = ModelWorker.open(dir, MODEL_TIMEOUT, precision);
        try {
            AnomalyScorer.checkBackground(worker.config(), bg.config());
        } catch (IllegalArgumentException e) {
            bg.close();
            throw new IOException(dir + ": " + e.getMessage(), e);
        }
        return bg;
    }

    /**
     * Resolves a run directory to its model directory, like the CLI's {@code --run}.
     *
     * @param run RUN_DIR or RUN_DIR/model
     * @return the directory holding config.json
     * @throws IOException with a one-line message if there is no model
     */
    public static Path modelDir(Path run) throws IOException {
        return RunDirectory.modelDirOf(run);
    }

    private static Javalin create(HostCheck hosts) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = ApiError.MAX_BODY;
            cfg.jetty.multipartConfig.maxFileSize(ApiError.MAX_BODY, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(ApiError.MAX_BODY, SizeUnit.BYTES);
            // Keep uploads in memory: they are small, and no temporary files are left behind.
            cfg.jetty.multipartConfig.maxInMemoryFileSize((int) ApiError.MAX_BODY,
                    SizeUnit.BYTES);
            // Javalin refuses to start with a missing static directory; the API works without.
            if (VaeServer.class.getResource(STATIC_DIR) != null) {
                cfg.staticFiles.add(sf -> {
                    sf.hostedPath = "/";
                    sf.directory = STATIC_DIR;
                    sf.location = Location.CLASSPATH;
                });
            } else {
                LOG.warn("no page at classpath:{}; serving the API only", STATIC_DIR);
            }
        });
        // Refuse foreign Host names (DNS rebinding) before anything else, the page included.
        app.before(ctx -> hosts.check(ctx.header("Host")));
        // Refuse oversized bodies before anything reads them.
        app.before(ctx -> {
            if (ctx.req().getContentLengthLong() > ApiError.MAX_BODY) {
                throw ApiError.tooLarge();
            }
        });
        app.exception(ApiError.class, (e, ctx) -> {
            if (e.retryAfterSeconds() > 0) {
                ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
            }
            ApiRoutes.error(ctx, e.status(), e.getMessage());
        });
        app.exception(HttpResponseException.class, (e, ctx) -> {
            int status = e.getStatus();
            String message = switch (status) {
                case 404 -> "no such resource: " + ctx.method() + " " + ctx.path();
                case 413 -> ApiError.tooLarge().getMessage();
                default -> e.getMessage();
            };
            ApiRoutes.error(ctx, status, message);
        });
        // The one place that sees a vanished client: one line a second, not a stack trace each.
        ClientAborts aborts = new ClientAborts();
        app.exception(Exception.class, (e, ctx) -> {
            if (ClientAborts.isAbort(e)) {
                aborts.report(ctx.method().name(), ctx.path(), e);
                // Usually nobody reads this; a client that stalled until the timeout might.
                ApiRoutes.error(ctx, 400, "the request body was cut short: the client closed the"
                        + " connection or stopped sending");
                return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            String m = e.getMessage();
            ApiRoutes.error(ctx, 500, "internal error: " + e.getClass().getSimpleName()
                    + (m == null ? "" : ": " + Messages.firstLine(m)));
        });
        app.error(404, ctx -> {
            // Unmatched paths that no handler answered: make sure the body is JSON too.
            if (ctx.result() == null || ctx.result().isEmpty()
                    || !String.valueOf(ctx.res().getContentType()).contains("json")) {
                ApiRoutes.error(ctx, 404, "no such resource: " + ctx.method() + " " + ctx.path());
            }
        });
        return app;
    }

    private static void listen(Javalin app, String host, int port) throws IOException {
        if (port != 0) {
            checkFree(host, port);
        }
        try {
            app.start(host, port);
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException b && String.valueOf(b.getMessage()).contains("in use")) {
                    throw new BindException("port " + port + " is in use");
                }
            }
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IOException("cannot listen on " + host + ":" + port + ": "
                    + (root.getMessage() == null ? root.getClass().getSimpleName()
                            : Messages.firstLine(root.getMessage())), e);
        }
    }

    /**
     * Binds the port briefly first: a taken port then gives our one-line message without
     * Javalin's error log. (Javalin's own failure is still mapped below, for the rare race.)
     */
    private static void checkFree(String host, int port) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // like Jetty, so a port in TIME_WAIT counts as free
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new BindException("port " + port + " is in use");
            }
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /**
     * Returns the port the server listens on (the chosen one if started with port 0).
     *
     * @return the port
     */
    public int port() {
        return app.port();
    }

    /**
     * Returns the page's address.
     *
     * @return e.g. {@code http://127.0.0.1:8080/}
     */
    public String url() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port() + "/";
    }

    /** The model's worker, for tests that need to hold the model thread. */
    ModelWorker worker() {
        return worker;
    }

    /** Stops listening, then frees the model. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                app.stop();
            } finally {
                worker.close();
                if (background != null) {
                    background.close();
                }
            }
        }
    }
}
