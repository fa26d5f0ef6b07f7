package org.vae4j.web;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.vae4j.engine.EngineSetup;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.io.SavedModel;
import org.vae4j.model.LikelihoodScorer;

/**
 * Owns the model and the one thread, {@code vae4j-model}, that may touch it. The model is not
 * thread-safe, and libtorch's grad mode is per thread and on by default in new threads, so every
 * model call of the server is a task on this thread, which runs with grad mode off.
 */
final class ModelWorker implements AutoCloseable {

    /** Name of the model thread. */
    static final String THREAD_NAME = "vae4j-model";

    private final ExecutorService executor;
    private final Duration timeout;
    private SavedModel saved;

    private ModelWorker(Duration timeout) {
        this.timeout = timeout;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, THREAD_NAME);
            // A server someone forgot to close must not keep the JVM alive.
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the thread and loads the model on it.
     *
     * @param modelDir a model directory (config.json, parameters.params, provenance.json)
     * @param timeout how long a request waits for its model call
     * @return the worker
     * @throws IOException if the model cannot be loaded
     */
    static ModelWorker open(Path modelDir, Duration timeout) throws IOException {
        ModelWorker w = new ModelWorker(timeout);
        try {
            w.saved = w.await(w.executor.submit(() -> {
                noGrad();
                SavedModel loaded = ModelStore.load(modelDir);
                if (!loaded.model().can(LikelihoodScorer.class)) {
                    // The explorer encodes, decodes, samples and scores: it needs a VAE-like model.
                    String why = loaded.model().lacks(LikelihoodScorer.class);
                    loaded.close();
                    throw new IOException(modelDir + ": " + why + "; the explorer serves models"
                            + " with a likelihood (vae)");
                }
                return loaded;
            }), null);
            return w;
        } catch (IOException | RuntimeException e) {
            w.executor.shutdownNow();
            throw e;
        }
    }

    /** The model's provenance (immutable, safe to read from any thread). */
    Provenance provenance() {
        return saved.provenance();
    }

    /** The model's configuration (immutable, safe to read from any thread). */
    org.vae4j.model.ModelConfig config() {
        return saved.model().config();
    }

    /**
     * Runs a model call on the model thread and waits for it, at most the request timeout.
     *
     * @param task the call; must not let the model escape
     * @param <T> its result
     * @return the result
     * @throws ApiError 503 if the model does not answer in time or the server is closing
     */
    <T> T call(Function<LikelihoodScorer, T> task) {
        try {
            return await(submit(task), timeout);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Runs a model call without a time limit: for start-up work.
     *
     * @param task the call
     * @param <T> its result
     * @return the result
     */
    <T> T callUntimed(Function<LikelihoodScorer, T> task) {
        try {
            return await(submit(task), null);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private <T> Future<T> submit(Function<LikelihoodScorer, T> task) {
        Callable<T> c = () -> {
            noGrad();
            return task.apply((LikelihoodScorer) saved.model());
        };
        try {
            return executor.submit(c);
        } catch (RejectedExecutionException e) {
            throw new ApiError(503, "the server is shutting down");
        }
    }

    /** Waits for a task; unwraps its exception so handlers see what the model threw. */
    private <T> T await(Future<T> f, Duration limit) throws IOException {
        try {
            return limit == null ? f.get() : f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(false); // drops it if still queued; a running call cannot be stopped
            String within = limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s"
                    : limit.toMillis() + " ms";
            throw new ApiError(503, "the model did not answer within " + within
                    + " (busy); try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError(503, "interrupted while waiting for the model");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause.getClass().getSimpleName() + ": "
                    + cause.getMessage(), cause);
        }
    }

    /**
     * Turns libtorch's autograd off for the calling thread. Called before every task, not just
     * once: it is a cheap JNI call, and it stays right even if the executor ever replaces its
     * thread.
     */
    private static void noGrad() {
        EngineSetup.engine(); // JniUtils needs the native library loaded
        JniUtils.setGradMode(false);
    }

    /** Frees the model's native memory on the model thread, then stops the thread. */
    @Override
    public void close() {
        if (executor.isShutdown()) {
            return;
        }
        if (saved != null) {
            executor.submit(saved::close);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
