package org.vae4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.vae4j.web.VaeServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vae4j serve}: the latent-space explorer page and its JSON API for a trained model. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Serves an interactive page to explore the model's latent space (decode any point,"
                    + " draw samples, encode and score uploaded images) and its JSON API.",
            "Runs until interrupted (Ctrl-C)."
        })
final class ServeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin CommonOptions common;

    @Mixin RunOption run;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--port must be in [0, 65535], got " + port);
        }
        common.startEngine(spec.commandLine());
        VaeServer server = VaeServer.start(run.run, host, port);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C ends the JVM through its shutdown hooks: close the server (which frees the
        // model's native memory) there, then let the waiting command thread go.
        Thread hook = new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "vae4j-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.println("serving " + run.run + " at " + server.url() + " (Ctrl-C to stop)");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Runtime.getRuntime().removeShutdownHook(hook);
            server.close();
        }
        return CommandLine.ExitCode.OK;
    }
}
