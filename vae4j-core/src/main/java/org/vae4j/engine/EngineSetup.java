package org.vae4j.engine;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Configures DJL's PyTorch engine before its first use: offline mode, where libtorch is
 * extracted, and how many threads it uses.
 *
 * <p>The settings are JVM system properties that DJL reads once, when the engine loads, so {@link
 * #configure(int)} must run before any NDManager is created; later calls only check.
 */
public final class EngineSetup {

    /** The engine vae4j is built and tested on. */
    public static final String ENGINE = "PyTorch";

    private static volatile boolean loaded;
    private static int configuredThreads;

    private EngineSetup() {}

    /**
     * Sets DJL's offline mode (never download anything at run time), its cache directory (unless
     * {@code DJL_CACHE_DIR} is already set) and the number of intra-op threads, then loads the
     * engine.
     *
     * @param threads intra-op threads, or 0 to keep DJL's default (one per core)
     * @return the loaded engine
     * @throws IllegalArgumentException if threads is negative
     * @throws IllegalStateException if the engine was already loaded with another thread count
     */
    public static synchronized Engine configure(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        if (loaded && threads > 0 && configuredThreads > 0 && threads != configuredThreads) {
            throw new IllegalStateException(
                    "the engine already runs with "
                            + configuredThreads
                            + " threads; cannot switch to "
                            + threads
                            + " in the same JVM");
        }
        if (!loaded) {
            String preset = System.getProperty("ai.djl.pytorch.num_threads");
            configuredThreads = threads > 0 ? threads : preset == null ? 0 : parseOrZero(preset);
            NativeMemory.tune();
            // Offline is not a preference: vae4j ships libtorch and its JNI glue as jars, and a
            // run-time download would make results depend on the network.
            System.setProperty("ai.djl.offline", "true");
            if (System.getProperty("DJL_CACHE_DIR") == null
                    && System.getenv("DJL_CACHE_DIR") == null) {
                System.setProperty("DJL_CACHE_DIR", defaultCacheDir().toString());
            }
            if (threads > 0) {
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            }
            // A training step is one chain of dependent ops: inter-op parallelism only adds
            // thread hand-offs.
            if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
        }
        Engine engine = Engine.getEngine(ENGINE);
        loaded = true;
        return engine;
    }

    private static int parseOrZero(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Loads the engine with the thread count given by {@code ai.djl.pytorch.num_threads} or DJL's
     * default.
     *
     * @return the engine
     */
    public static Engine engine() {
        return loaded ? Engine.getEngine(ENGINE) : configure(0);
    }

    /**
     * Where libtorch is extracted unless {@code DJL_CACHE_DIR} says otherwise: {@code
     * $XDG_CACHE_HOME/vae4j/djl} or {@code ~/.cache/vae4j/djl}.
     *
     * @return the directory
     */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base =
                xdg != null && !xdg.isBlank()
                        ? Paths.get(xdg)
                        : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("vae4j").resolve("djl");
    }

    /**
     * Returns the version of libtorch in use.
     *
     * @return e.g. {@code 2.7.1}
     */
    public static String pytorchVersion() {
        return engine().getVersion();
    }

    /**
     * Returns the DJL version in use.
     *
     * @return e.g. {@code 0.35.0}
     */
    public static String djlVersion() {
        return Engine.getDjlVersion();
    }
}
