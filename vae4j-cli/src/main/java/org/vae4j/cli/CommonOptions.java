package org.vae4j.cli;

import org.vae4j.engine.EngineSetup;
import picocli.CommandLine.Option;

/** Options every subcommand takes. */
final class CommonOptions {

    @Option(
            names = {"-v", "--verbose"},
            description = "Show engine logs and stack traces of errors.")
    boolean verbose;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Intra-op threads of the engine (default: one per core).")
    int threads;

    /** Checks the thread count and loads the engine with it. */
    void startEngine(picocli.CommandLine cmd) {
        if (threads < 0) {
            throw new picocli.CommandLine.ParameterException(
                    cmd, "--threads must be >= 0, got " + threads);
        }
        Bounds.check(cmd, "--threads", threads, 0, Bounds.MAX_THREADS);
        EngineSetup.configure(threads);
    }
}
