package org.vae4j.web;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.vae4j.engine.EngineSetup;
import org.vae4j.engine.Precision;
import org.vae4j.io.ModelStore;
import org.vae4j.io.Provenance;
import org.vae4j.io.SavedModel;
import org.vae4j.model.LikelihoodScorer;
import org.vae4j.model.Precisions;

/**
 * Owns the model and the one thread, {@code vae4j-model}, that may touch it. The model is not
 * thread-safe, and libtorch's grad mode is per thread and on by default in new threads, so every
 * model call of the server is a task on this thread, which runs with grad mode off. Tasks wait
 * in one queue per {@link Lane}, and the thread takes interactive ones first.
 */
final class ModelWorker implements AutoCloseable {

    /** Name of the model thread. */
    static final String THREAD_NAME = "vae4j-model";

    private final ExecutorService executor;
    private final Duration timeout;
    private final Map<Lane, Queue<FutureTask<?>>> waiting = new EnumMap<>(Lane.class);
    private SavedModel saved;

    private ModelWorker(Duration timeout) {
        this.timeout = timeout;
        for (Lane lane : Lane.values()) {
            waiting.put(lane, new ConcurrentLinkedQueue<>());
        }
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
     * @param precision the layers' number format
     * @return the worker
     * @throws IOException if the model cannot be loaded
     */
    static ModelWorker open(Path modelDir, Duration timeout, Precision precision)
            throws IOException {
        ModelWorker w = new ModelWorker(timeout);
        try {
            w.saved = w.await(w.executor.submit(() -> {
                noGrad();
                SavedModel loaded = ModelStore.load(modelDir);
                Precisions.apply(loaded.model().block(), precision);
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
     * Runs an interactive model call on the model thread and waits for it, at most the request
     * timeout.
     *
     * @param task the call; must not let the model escape
     * @param <T> its result
     * @return the result
     * @throws ApiError 503 if the model does not answer in time or the server is closing
     */
    <T> T call(Function<LikelihoodScorer, T> task) {
        return call(Lane.INTERACTIVE, task);
    }

    /**
     * Runs a model call on the model thread and waits for it, at most the request timeout.
     *
     * @param lane {@link Lane#INTERACTIVE} calls run before waiting heavy ones
     * @param task the call; must not let the model escape
     * @param <T> its result
     * @return the result
     * @throws ApiError 503 if the model does not answer in time or the server is closing
     */
    <T> T call(Lane lane, Function<LikelihoodScorer, T> task) {
        try {
            return await(submit(lane, task), timeout);
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
            return await(submit(Lane.INTERACTIVE, task), null);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Calls waiting for the model thread (not the running one); for tests. */
    int queued() {
        int n = 0;
        for (Queue<FutureTask<?>> q : waiting.values()) {
            for (FutureTask<?> f : q) {
                n += f.isDone() ? 0 : 1;
            }
        }
        return n;
    }

    /**
     * Queues the task in its lane and one turn of the thread; the turn runs whichever task comes
     * first, interactive before heavy. There is one turn per task, so none is left behind.
     */
    private <T> Future<T> submit(Lane lane, Function<LikelihoodScorer, T> task) {
        FutureTask<T> f = new FutureTask<>(() -> {
            noGrad();
            return task.apply((LikelihoodScorer) saved.model());
        });
        waiting.get(lane).add(f);
        try {
            executor.execute(this::runNext);
        } catch (RejectedExecutionException e) {
            f.cancel(false);
            throw new ApiError(503, "the server is shutting down");
        }
        return f;
    }

    private void runNext() {
        for (Lane lane : Lane.values()) {
            FutureTask<?> f = waiting.get(lane).poll();
            if (f != null) {
                f.run(); // does nothing if the caller timed out and cancelled it
                return;
            }
        }
    }

    /** Waits for a task; unwraps its exception so handlers see what the model threw. */
    private <T> T await(Future<T> f, Duration limit) throws IOException {
        try {
            return limit == null ? f.get() : f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            throw new ApiError(503, "the server is shutting down");
        } catch (TimeoutException e) {
            f.cancel(false); // drops it if still queued; a running call cannot be stopped
            String within = limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s"
                    : limit.toMillis() + " ms";
            throw ApiError.busy("the model did not answer within " + within
                    + " (busy); try again", Admission.RETRY_AFTER_SECONDS);
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
        // A call queued while closing may have lost its turn: answer its caller.
        for (Queue<FutureTask<?>> q : waiting.values()) {
            for (FutureTask<?> f = q.poll(); f != null; f = q.poll()) {
                f.cancel(false);
            }
        }
    }
}
